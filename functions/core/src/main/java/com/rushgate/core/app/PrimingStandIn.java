package com.rushgate.core.app;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The base of every priming stand-in: a port whose methods refuse by default. An object of answers
 * declares, as public methods with the port's signatures, the few calls a priming run may make;
 * every other method of the port, including one the port gains later, throws
 * {@link PrimingPorts.WriteRefused} naming the port and the method. So a new port method needs no
 * edit here to compile, and a priming path that reaches it fails its step loudly (the priming tests
 * expect every step to succeed) instead of being answered by accident.
 */
final class PrimingStandIn implements InvocationHandler {

    private final Class<?> port;
    private final Object answers;
    private final Map<Method, Method> answered;

    private PrimingStandIn(Class<?> port, Object answers, Map<Method, Method> answered) {
        this.port = port;
        this.answers = answers;
        this.answered = answered;
    }

    /**
     * @param port    the port interface
     * @param answers an object whose public methods answer the port's methods of the same name and
     *                parameter types; a plain {@code new Object()} answers nothing
     * @throws IllegalStateException when {@code answers} declares a public method the port does not
     *                               have, or with a return type the port's method cannot return: a
     *                               port method was renamed or changed and its stand-in was not
     */
    static <P> P of(Class<P> port, Object answers) {
        Objects.requireNonNull(answers, "answers");
        if (!port.isInterface()) {
            throw new IllegalArgumentException(port + " is not a port interface");
        }
        Map<Method, Method> answered = new HashMap<>();
        for (Method answer : answers.getClass().getDeclaredMethods()) {
            if (!Modifier.isPublic(answer.getModifiers()) || Modifier.isStatic(answer.getModifiers())
                    || answer.isSynthetic() || isObjectMethod(answer)) {
                continue;
            }
            Method method;
            try {
                method = port.getMethod(answer.getName(), answer.getParameterTypes());
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("the priming stand-in of " + port.getSimpleName() + " answers "
                        + answer.getName() + ", which " + port.getSimpleName() + " does not declare", e);
            }
            if (!method.getReturnType().isAssignableFrom(answer.getReturnType())) {
                throw new IllegalStateException("the priming stand-in of " + port.getSimpleName() + "." + method.getName()
                        + " returns " + answer.getReturnType().getSimpleName() + ", not " + method.getReturnType().getSimpleName());
            }
            // Answers are private or anonymous classes of PrimingPorts.
            answer.setAccessible(true);
            answered.put(method, answer);
        }
        Object proxy = Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port},
                new PrimingStandIn(port, answers, Map.copyOf(answered)));
        return port.cast(proxy);
    }

    /** Object's own methods (a bare {@code new Object()} answers nothing); the proxy has its own. */
    private static boolean isObjectMethod(Method method) {
        try {
            Object.class.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == arguments[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "priming stand-in of " + port.getSimpleName();
            };
        }
        Method answer = answered.get(method);
        if (answer == null) {
            throw new PrimingPorts.WriteRefused("call " + port.getSimpleName() + "." + method.getName()
                    + ", which its priming stand-in does not answer");
        }
        try {
            return answer.invoke(answers, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
