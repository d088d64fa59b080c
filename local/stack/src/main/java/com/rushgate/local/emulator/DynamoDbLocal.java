package com.rushgate.local.emulator;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * DynamoDB Local in this JVM, in HTTP server mode on a loopback port (server mode, unlike the
 * embedded mode, stamps stream records with correct times). In memory, or in {@code dataDir}
 * with one shared database file so the data survives a restart.
 */
public final class DynamoDbLocal implements AutoCloseable {

    /** sqlite4java complains through java.util.logging about its own jar version; kept quiet here. */
    private static final Logger SQLITE_LOG = Logger.getLogger("com.almworks.sqlite4java");

    static {
        SQLITE_LOG.setLevel(Level.SEVERE);
    }

    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocal(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static DynamoDbLocal start(Path dataDir, int port) {
        // DynamoDB Local unpacks its own sqlite4java library. Without -disableTelemetry (and
        // DDB_LOCAL_TELEMETRY=0, which ./rushgate and the build set) it tries to phone home.
        int chosen = port > 0 ? port : FreePorts.pick();
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(chosen), "-disableTelemetry"));
        try {
            if (dataDir == null) {
                args.add("-inMemory");
            } else {
                Files.createDirectories(dataDir);
                args.addAll(List.of("-dbPath", dataDir.toAbsolutePath().toString(), "-sharedDb"));
            }
            DynamoDBProxyServer server;
            PrintStream console = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                // It prints its configuration banner on stdout; the local stack prints endpoints itself.
                server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
                loopbackOnly(server);
                server.start();
            } finally {
                System.setOut(console);
            }
            return new DynamoDbLocal(server, chosen);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + chosen + ": " + e.getMessage(), e);
        }
    }

    /**
     * DynamoDB Local listens on every interface and has no option to say otherwise; before it
     * starts, its Jetty connector is told to bind to loopback only.
     */
    private static void loopbackOnly(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector network) {
                network.setHost("127.0.0.1");
            }
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }
}
