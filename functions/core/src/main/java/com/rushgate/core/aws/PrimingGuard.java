package com.rushgate.core.aws;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Makes the SDK clients of one {@link AwsClients} read-only while a function primes itself for a
 * SnapStart snapshot. On every client, always; it does nothing outside a priming run.
 *
 * <ul>
 *   <li>A call that could change something (any operation but the reads listed in {@link #READ_ONLY})
 *       is stopped after it was marshalled and signed, just before it would be sent. Whatever path
 *       priming takes, no write leaves the process.</li>
 *   <li>A call that is sent asks the server to close the connection afterwards ({@code Connection:
 *       close}), so the snapshot holds no pooled connection: one restored days later would be dead,
 *       and the first request after the restore would lose time finding out.</li>
 * </ul>
 */
final class PrimingGuard implements ExecutionInterceptor {

    /** Operations that change nothing; ReceiveMessage is not one of them (it hides what it receives). */
    static final Set<String> READ_ONLY = Set.of("GetItem", "BatchGetItem", "Query", "Scan", "DescribeTable",
            "GetQueueAttributes", "GetQueueUrl");

    private final AtomicBoolean priming = new AtomicBoolean();

    /** Runs {@code work} with the guard on; nested calls keep it on until the outermost returns. */
    void during(Runnable work) {
        boolean outermost = priming.compareAndSet(false, true);
        try {
            work.run();
        } finally {
            if (outermost) {
                priming.set(false);
            }
        }
    }

    boolean on() {
        return priming.get();
    }

    /**
     * Runs a write that the guard must stop: its request is built, marshalled and signed (which is
     * the warm-up), never sent.
     *
     * @throws IllegalStateException when the guard is off (the write would really happen, so it is
     *                               not even started), or when the write was not stopped
     */
    void rehearse(Runnable write) {
        if (!on()) {
            throw new IllegalStateException("a write is rehearsed only while priming, where it cannot be sent");
        }
        try {
            write.run();
        } catch (RuntimeException e) {
            if (stoppedHere(e)) {
                return;
            }
            throw e;
        }
        throw new IllegalStateException("the rehearsed write was not stopped by the priming guard");
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        if (!on()) {
            return context.httpRequest();
        }
        return context.httpRequest().toBuilder().putHeader("Connection", "close").build();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (on() && !READ_ONLY.contains(operation)) {
            throw new Stopped(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + " " + operation);
        }
    }

    private static boolean stoppedHere(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Stopped) {
                return true;
            }
        }
        return false;
    }

    /** A write stopped before it was sent. */
    static final class Stopped extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Stopped(String call) {
            super(call + " stopped before it was sent: SnapStart priming changes nothing", null, false, false);
        }
    }
}
