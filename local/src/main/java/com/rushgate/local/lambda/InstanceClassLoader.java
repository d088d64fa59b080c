package com.rushgate.local.lambda;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * The class loader of one execution environment: the function's jar and the Lambda runtime's
 * jars, over the JDK. Only aws-lambda-java-core's interfaces (Context, RequestHandler, ...) come
 * from the local stack, so that it can hand the function its own Context, exactly as the managed
 * runtime shares them with customer code. Nothing else of the local stack leaks in: each
 * instance has its own SDK, its own Powertools state, its own statics.
 */
final class InstanceClassLoader extends URLClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    InstanceClassLoader(String name, URL functionJar, List<URL> runtimeJars) {
        super(name, urls(functionJar, runtimeJars), new LambdaCoreOnly());
    }

    private static URL[] urls(URL functionJar, List<URL> runtimeJars) {
        List<URL> all = new ArrayList<>();
        all.add(functionJar);
        all.addAll(runtimeJars);
        return all.toArray(URL[]::new);
    }

    /** Parent that exposes aws-lambda-java-core from the local stack and the JDK, nothing more. */
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
