package com.rushgate.local.lambda;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * The class loader of one execution environment: the function's jar and the Lambda runtime's
 * jars. What the function itself keeps in statics (its wiring, Powertools idempotency and
 * metrics singletons, AspectJ aspects, the runtime client) is loaded here, once per environment,
 * exactly as in a fresh Lambda sandbox. Thread-safe libraries without per-invocation state (the
 * AWS SDK, Jackson, the functions' logging and Powertools logging) come from the function's {@link SharedLibraries},
 * loaded and JIT-compiled once per function: on a laptop, sixteen private copies of the SDK would
 * spend the cores on class loading and compilation instead of requests.
 */
final class InstanceClassLoader extends URLClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    InstanceClassLoader(String name, URL functionJar, List<URL> runtimeJars, SharedLibraries libraries) {
        super(name, urls(functionJar, runtimeJars), libraries);
    }

    private static URL[] urls(URL functionJar, List<URL> runtimeJars) {
        List<URL> all = new ArrayList<>();
        all.add(functionJar);
        all.addAll(runtimeJars);
        return all.toArray(URL[]::new);
    }

    /**
     * The libraries of one function's jar that all its environments share, over aws-lambda-java-core
     * (from the local stack, as the managed runtime provides it) and the JDK. Any other class is
     * refused here, so each environment defines its own.
     */
    static final class SharedLibraries extends URLClassLoader {

        static {
            ClassLoader.registerAsParallelCapable();
        }

        /** Stateless or thread-safe libraries; a class under any of these names is shared. */
        private static final List<String> SHARED = List.of(
                "software.amazon.awssdk.", "software.amazon.eventstream.", "org.reactivestreams.",
                "com.fasterxml.jackson.", "org.joda.time.", "com.amazonaws.services.lambda.runtime.events.",
                "org.slf4j.", "ch.qos.logback.", "com.rushgate.logging.", "software.amazon.lambda.powertools.logging.",
                "software.amazon.lambda.powertools.common.", "software.amazon.lambda.powertools.utilities.",
                "io.burt.jmespath.", "org.apache.commons.lang3.", "org.javatuples.", "org.apache.http.",
                "org.apache.commons.logging.", "org.apache.commons.codec.",
                // The local stack's fault injector, when it is on: the SDK looks up global
                // interceptors through its own class loader.
                "com.rushgate.local.chaos.");

        SharedLibraries(String name, URL functionJar, List<URL> extra) {
            super(name, urls(functionJar, extra), new LambdaCoreOnly());
        }

        static boolean shared(String className) {
            for (String prefix : SHARED) {
                if (className.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!shared(name)) {
                return getParent().loadClass(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    /** Exposes aws-lambda-java-core from the local stack and the JDK, nothing more. */
    private static final class LambdaCoreOnly extends ClassLoader {

        static {
            ClassLoader.registerAsParallelCapable();
        }

        private final ClassLoader stack = InstanceClassLoader.class.getClassLoader();

        LambdaCoreOnly() {
            super("lambda-core", ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            int dot = name.lastIndexOf('.');
            String pkg = dot < 0 ? "" : name.substring(0, dot);
            if (pkg.equals("com.amazonaws.services.lambda.runtime")
                    || pkg.equals("com.amazonaws.services.lambda.runtime.logging")) {
                return stack.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
