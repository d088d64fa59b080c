package com.rushgate.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rushgate.core.lambda.InvocationContext;
import com.rushgate.local.template.StackModel.FunctionSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One execution environment: its own class loader, its own handler instance, one invocation at a
 * time on its own thread. The handler is loaded by the Lambda runtime interface client's
 * EventHandlerLoader and fed through its serializers, as in the managed runtime; only the Context
 * is ours ({@link InvocationContext#local}), so that it carries the function's name, memory and
 * deadline. The stack makes it from its own class path: it implements the Lambda Context of
 * aws-lambda-java-core, which every environment's class loader takes from the stack.
 */
final class FunctionInstance implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RIC = "com.amazonaws.services.lambda.runtime.api.client.";

    private final FunctionSpec spec;
    private final String arn;
    private final InstanceClassLoader loader;
    private final ExecutorService thread;
    private final RequestStreamHandler handler;
    private final Duration initDuration;
    private volatile boolean broken;
    private final AtomicBoolean fresh = new AtomicBoolean(true);

    private FunctionInstance(FunctionSpec spec, String arn, InstanceClassLoader loader, ExecutorService thread,
                             RequestStreamHandler handler, Duration initDuration) {
        this.spec = spec;
        this.arn = arn;
        this.loader = loader;
        this.thread = thread;
        this.handler = handler;
        this.initDuration = initDuration;
    }

    /** Starts an environment: loads the code, gives it its environment, runs its init. */
    static FunctionInstance start(FunctionSpec spec, String arn, Map<String, String> environment, int ordinal,
                                  FunctionLogs logs, InstanceClassLoader.SharedLibraries libraries) {
        URL jar = RuntimeJars.toUrl(spec.code());
        if (!spec.code().toFile().isFile()) {
            throw new FunctionInitException(spec.logicalId() + ": no code at " + spec.code()
                    + " (CodeUri); build the functions with 'mvn package'");
        }
        InstanceClassLoader loader = new InstanceClassLoader(spec.logicalId() + "#" + ordinal, jar, RuntimeJars.urls(),
                libraries);
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(() -> {
                logs.routeCurrentThread(spec.logicalId());
                runnable.run();
            }, "lambda-" + spec.logicalId() + "-" + ordinal);
            t.setContextClassLoader(loader);
            t.setDaemon(true);
            return t;
        });
        long started = System.nanoTime();
        Future<RequestStreamHandler> init = thread.submit(() -> load(spec, loader, environment));
        try {
            RequestStreamHandler handler = init.get(Math.max(10, spec.timeout().toSeconds() + 10), TimeUnit.SECONDS);
            return new FunctionInstance(spec, arn, loader, thread, handler,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (ExecutionException e) {
            thread.shutdownNow();
            throw e.getCause() instanceof FunctionInitException f ? f
                    : new FunctionInitException(spec.logicalId() + " failed to initialise: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            thread.shutdownNow();
            throw new FunctionInitException(spec.logicalId() + " did not finish its init in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
            throw new FunctionInitException(spec.logicalId() + " init interrupted");
        }
    }

    private static RequestStreamHandler load(FunctionSpec spec, ClassLoader loader, Map<String, String> environment)
            throws ReflectiveOperationException {
        installEnvironment(loader, environment);
        // The runtime interface client finds customer classes (and Joda, for event dates) through
        // this static; each instance has its own copy of the class, so each points at itself.
        Field customerLoader = loader.loadClass(RIC + "AWSLambda").getDeclaredField("customerClassLoader");
        customerLoader.setAccessible(true);
        customerLoader.set(null, loader);
        Class<?> handlerInfo = loader.loadClass(RIC + "HandlerInfo");
        Object info;
        try {
            info = handlerInfo.getMethod("fromString", String.class, ClassLoader.class).invoke(null, spec.handler(), loader);
        } catch (InvocationTargetException e) {
            throw new FunctionInitException(spec.logicalId() + ": cannot load handler " + spec.handler() + ": "
                    + e.getCause(), e.getCause());
        }
        Object loaded = loader.loadClass(RIC + "EventHandlerLoader").getMethod("loadEventHandler", handlerInfo)
                .invoke(null, info);
        return unwrap(spec, loaded);
    }

    /**
     * The runtime wraps the handler in a LambdaRequestHandler that builds its own Context from
     * process-wide environment variables; we take the stream handler inside it instead. An init
     * failure comes back as a UserFaultHandler carrying the fault.
     */
    private static RequestStreamHandler unwrap(FunctionSpec spec, Object loaded) throws ReflectiveOperationException {
        if (loaded.getClass().getName().endsWith("UserFaultHandler")) {
            Field faultField = loaded.getClass().getDeclaredField("fault");
            faultField.setAccessible(true);
            Object fault = faultField.get(loaded);
            String message = String.valueOf(fault.getClass().getField("msg").get(fault));
            String trace = String.valueOf(fault.getClass().getField("trace").get(fault));
            throw new FunctionInitException(spec.logicalId() + " failed to initialise: " + message + "\n" + trace);
        }
        for (Field field : loaded.getClass().getDeclaredFields()) {
            if (RequestStreamHandler.class.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                return (RequestStreamHandler) field.get(loaded);
            }
        }
        throw new FunctionInitException("unsupported runtime interface client: no stream handler inside "
                + loaded.getClass().getName());
    }

    /** Gives the function its own environment when its code reads it through Rushgate's Env. */
    private static void installEnvironment(ClassLoader loader, Map<String, String> environment)
            throws ReflectiveOperationException {
        Class<?> env;
        try {
            env = loader.loadClass("com.rushgate.core.config.Env");
        } catch (ClassNotFoundException notRushgate) {
            return; // other code reads System.getenv(); it sees the local stack's process environment
        }
        env.getMethod("install", Map.class).invoke(null, environment);
    }

    Duration initDuration() {
        return initDuration;
    }

    /** Code run inside an environment, given its class loader. */
    interface EnvironmentTask<T> {
        T run(ClassLoader loader) throws Exception;
    }

    /**
     * Runs {@code task} on this environment's thread, where init ran and invocations run, as the
     * runtime runs SnapStart hooks. The local stack never checkpoints; tests use this to run the
     * hooks a function registered.
     */
    <T> T onEnvironmentThread(EnvironmentTask<T> task) {
        try {
            return thread.submit(() -> task.run(loader)).get(spec.timeout().toSeconds() + 60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(spec.logicalId() + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(spec.logicalId() + " did not finish in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(spec.logicalId() + " interrupted", e);
        }
    }

    boolean broken() {
        return broken;
    }

    /** True the first time it is asked: the invocation that gets a new environment is the cold one. */
    boolean takeFreshness() {
        return fresh.getAndSet(false);
    }

    /** Runs the handler once; never throws for a function failure, which becomes the outcome. */
    Invocation invoke(byte[] payload, String requestId, boolean coldStart) {
        long deadline = System.currentTimeMillis() + spec.timeout().toMillis();
        InvocationContext context = InvocationContext.local(requestId, spec.name(), arn, spec.memoryMb(), deadline);
        long started = System.nanoTime();
        Future<byte[]> run = thread.submit(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(payload), out, context);
            return out.toByteArray();
        });
        try {
            byte[] response = run.get(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Invocation(response, null, coldStart, Duration.ofNanos(System.nanoTime() - started));
        } catch (TimeoutException e) {
            // Lambda would freeze and discard the environment; we interrupt it and never reuse it.
            broken = true;
            run.cancel(true);
            return failure(Invocation.TIMED_OUT, "Task timed out after " + spec.timeout().toSeconds() + " seconds",
                    coldStart, started);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error) {
                broken = true;
            }
            return failure(cause.getClass().getName(), String.valueOf(cause.getMessage()), coldStart, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broken = true;
            run.cancel(true);
            return failure("Interrupted", "the local stack is stopping", coldStart, started);
        }
    }

    private static Invocation failure(String type, String message, boolean coldStart, long started) {
        ObjectNode error = JSON.createObjectNode();
        error.put("errorMessage", message);
        error.put("errorType", type);
        try {
            return new Invocation(JSON.writeValueAsBytes(error), type, coldStart, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            loader.close();
        } catch (IOException e) {
            // the jar stays open until the JVM exits; nothing else to do
        }
    }

    List<URL> classPath() {
        return List.of(loader.getURLs());
    }
}
