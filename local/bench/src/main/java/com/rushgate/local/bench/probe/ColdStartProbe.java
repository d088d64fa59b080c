package com.rushgate.local.bench.probe;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The main class of one cold-start measurement: a fresh JVM whose class path holds this class,
 * nothing else; the function jar and the Lambda runtime's own jars get a class loader of their own. It loads the handler the way the runtime interface client
 * does, optionally runs the function's SnapStart priming, invokes it with the given events and
 * writes what it measured to a file.
 *
 * <p>Uses the JDK only (the function's classes are reached by reflection), so that it adds nothing
 * to the class path but itself.
 *
 * <p>Arguments: {@code resultFile codeJars handler prime(true|false) event...}, where
 * {@code codeJars} is the function jar and the runtime's jars (and any other it needs) in
 * class-path syntax. The result file gets
 * {@code key=value} lines: {@code mainNanos}, {@code loadedNanos}, {@code primedNanos},
 * {@code invokedNanos} (each a {@link System#nanoTime()} reading, comparable with the parent's on
 * the same machine), {@code warmNanos} (comma-separated durations of the invocations after the
 * first), {@code firstOutput}, {@code priming} (each step's outcome), {@code missingClasses} (every
 * class the code asked its class loader for and did not get, comma-separated), and {@code error}
 * when something failed. Besides wall time, which a
 * busy machine stretches, it writes what load does not change: the process's CPU time
 * ({@code loadedCpuNanos}, {@code primedCpuNanos}, {@code invokedCpuNanos}: since the JVM started, every thread, the JIT
 * compiler and the collector included) and the classes loaded ({@code loadedClasses},
 * {@code primedClasses}, {@code invokedClasses}). Reading the class count starts the JDK's management classes; that
 * happens after the init readings and its time ({@code countedNanos}, {@code countedCpuNanos}) is
 * left out of the phases that follow.
 */
public final class ColdStartProbe {

    private static final String RIC = "com.amazonaws.services.lambda.runtime.api.client.";
    private static final String STREAM_HANDLER = "com.amazonaws.services.lambda.runtime.RequestStreamHandler";
    private static final String PRIMING = "com.rushgate.core.lambda.SnapStartPriming";
    private static final int FIRST_EVENT = 4;

    private ColdStartProbe() {
    }

    /**
     * Copies the probe's class files under {@code directory}, which then is the whole class path a
     * probe JVM needs.
     *
     * @return {@code directory}
     */
    public static Path unpackInto(Path directory) throws IOException {
        for (Class<?> type : List.of(ColdStartProbe.class, MissingClasses.class)) {
            String resource = type.getName().replace('.', '/') + ".class";
            Path target = directory.resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in = ColdStartProbe.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the class path lacks " + resource);
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return directory;
    }

    public static void main(String[] args) throws Exception {
        long mainNanos = System.nanoTime();
        Path resultFile = Path.of(args[0]);
        List<String> lines = new ArrayList<>();
        lines.add("mainNanos=" + mainNanos);
        try {
            run(args, lines);
        } catch (Throwable failure) {
            Throwable cause = failure instanceof InvocationTargetException i && i.getCause() != null
                    ? i.getCause() : failure;
            lines.add("error=" + oneLine(cause.toString()));
        }
        Files.write(resultFile, lines, StandardCharsets.UTF_8);
        // Non-daemon threads of a function (HTTP connection reapers, for one) must not keep us alive.
        System.exit(0);
    }

    private static void run(String[] args, List<String> lines) throws Exception {
        String[] jars = args[1].split(File.pathSeparator);
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = Path.of(jars[i]).toUri().toURL();
        }
        MissingClasses loader = new MissingClasses(urls);
        Thread.currentThread().setContextClassLoader(loader);
        String handlerName = args[2];
        boolean prime = Boolean.parseBoolean(args[3]);
        Object handler = load(handlerName, loader);
        lines.add("loadedNanos=" + System.nanoTime());
        lines.add("loadedCpuNanos=" + cpuNanos());
        lines.add("loadedClasses=" + loadedClasses());
        lines.add("countedCpuNanos=" + cpuNanos());
        lines.add("countedNanos=" + System.nanoTime());
        if (prime) {
            Class<?> priming;
            try {
                priming = loader.loadClass(PRIMING);
            } catch (ClassNotFoundException notRushgate) {
                priming = null;
            }
            if (priming != null) {
                Object outcomes = priming.getMethod("primeRegistered").invoke(null);
                lines.add("priming=" + oneLine(String.valueOf(outcomes)));
            }
        }
        lines.add("primedNanos=" + System.nanoTime());
        lines.add("primedCpuNanos=" + cpuNanos());
        lines.add("primedClasses=" + loadedClasses());
        Method handle = handler.getClass().getMethod("handleRequest", InputStream.class, OutputStream.class,
                loader.loadClass("com.amazonaws.services.lambda.runtime.Context"));
        handle.setAccessible(true);
        StringBuilder warm = new StringBuilder();
        for (int i = FIRST_EVENT; i < args.length; i++) {
            byte[] event = Files.readAllBytes(Path.of(args[i]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long started = System.nanoTime();
            handle.invoke(handler, new ByteArrayInputStream(event), out, context(loader));
            long finished = System.nanoTime();
            if (i == FIRST_EVENT) {
                lines.add("invokedNanos=" + finished);
                lines.add("invokedCpuNanos=" + cpuNanos());
                lines.add("invokedClasses=" + loadedClasses());
                lines.add("firstOutput=" + oneLine(out.toString(StandardCharsets.UTF_8)));
            } else {
                warm.append(warm.length() == 0 ? "" : ",").append(finished - started);
            }
        }
        lines.add("warmNanos=" + warm);
        lines.add("missingClasses=" + String.join(",", loader.missing()));
    }

    /**
     * The function's class loader, over the system class loader (which holds this class only). It
     * notes every class it was asked for and could not find: a class removed from a minimized jar
     * that something loads by name shows up here, even where the caller falls back quietly.
     */
    private static final class MissingClasses extends URLClassLoader {

        static {
            ClassLoader.registerAsParallelCapable();
        }

        private final Set<String> missing = ConcurrentHashMap.newKeySet();

        MissingClasses(URL[] urls) {
            super(urls, ClassLoader.getSystemClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            try {
                return super.findClass(name);
            } catch (ClassNotFoundException notHere) {
                missing.add(name);
                throw notHere;
            }
        }

        List<String> missing() {
            return missing.stream().sorted().toList();
        }
    }

    /** CPU time of the whole process so far, in nanoseconds; -1 where the platform does not tell. */
    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** Classes loaded since the JVM started, the JDK's own included. */
    private static long loadedClasses() {
        return ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    }

    /** As the runtime interface client loads a handler; returns the stream handler it wraps. */
    private static Object load(String handlerName, ClassLoader loader) throws Exception {
        Field customerLoader = loader.loadClass(RIC + "AWSLambda").getDeclaredField("customerClassLoader");
        customerLoader.setAccessible(true);
        customerLoader.set(null, loader);
        Class<?> handlerInfo = loader.loadClass(RIC + "HandlerInfo");
        Object info = handlerInfo.getMethod("fromString", String.class, ClassLoader.class)
                .invoke(null, handlerName, loader);
        Object loaded = loader.loadClass(RIC + "EventHandlerLoader").getMethod("loadEventHandler", handlerInfo)
                .invoke(null, info);
        if (loaded.getClass().getName().endsWith("UserFaultHandler")) {
            Field faultField = loaded.getClass().getDeclaredField("fault");
            faultField.setAccessible(true);
            Object fault = faultField.get(loaded);
            throw new IllegalStateException("init failed: " + fault.getClass().getField("msg").get(fault));
        }
        Class<?> streamHandler = loader.loadClass(STREAM_HANDLER);
        for (Field field : loaded.getClass().getDeclaredFields()) {
            if (streamHandler.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                return field.get(loaded);
            }
        }
        throw new IllegalStateException("no stream handler inside " + loaded.getClass().getName());
    }

    /** A Context with what Lambda would give: names from the environment, a fresh request id, a logger. */
    private static Object context(ClassLoader loader) throws ClassNotFoundException {
        Class<?> contextType = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
        Class<?> loggerType = loader.loadClass("com.amazonaws.services.lambda.runtime.LambdaLogger");
        Object logger = Proxy.newProxyInstance(loader, new Class<?>[] {loggerType}, (proxy, method, arguments) -> {
            if (method.getName().equals("log") && arguments != null && arguments.length > 0) {
                Object message = arguments[0];
                System.err.println(message instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : message);
            }
            return null;
        });
        String functionName = System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "probe");
        String requestId = UUID.randomUUID().toString();
        return Proxy.newProxyInstance(loader, new Class<?>[] {contextType}, (proxy, method, arguments) -> {
            switch (method.getName()) {
                case "getAwsRequestId":
                    return requestId;
                case "getFunctionName":
                    return functionName;
                case "getFunctionVersion":
                    return "$LATEST";
                case "getInvokedFunctionArn":
                    return "arn:aws:lambda:" + System.getenv().getOrDefault("AWS_REGION", "eu-west-1")
                            + ":000000000000:function:" + functionName;
                case "getLogGroupName":
                    return "/aws/lambda/" + functionName;
                case "getLogStreamName":
                    return "probe";
                case "getRemainingTimeInMillis":
                    return 30_000;
                case "getMemoryLimitInMB":
                    return Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));
                case "getLogger":
                    return logger;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == arguments[0];
                case "toString":
                    return "ProbeContext";
                default:
                    return method.getReturnType() == int.class ? 0 : null;
            }
        });
    }

    private static String oneLine(String text) {
        String flat = text.replace('\n', ' ').replace('\r', ' ');
        return flat.length() > 2000 ? flat.substring(0, 2000) + "..." : flat;
    }
}
