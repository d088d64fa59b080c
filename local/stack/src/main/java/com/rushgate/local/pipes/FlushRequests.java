package com.rushgate.local.pipes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How other threads ask a pipe's single thread to flush, and wait until it has: a request wakes
 * the pipe's thread from its {@link #pause}, the thread {@link #serve serves} every request made
 * so far with one flush, and each caller learns how it went.
 */
final class FlushRequests {

    private static final Object WAKE = new Object();

    private final String pipeName;
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> pending = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Object> wakeups = new LinkedBlockingQueue<>();

    FlushRequests(String pipeName) {
        this.pipeName = pipeName;
    }

    /**
     * From any thread but the pipe's: asks for a flush and waits for it.
     *
     * @throws IllegalStateException if the flush failed, the pipe stopped, or it took longer than {@code wait}
     */
    void requestAndWait(Duration wait) {
        CompletableFuture<Void> request = new CompletableFuture<>();
        pending.add(request);
        wake();
        try {
            request.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("pipe " + pipeName + " could not flush: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("pipe " + pipeName + " did not flush within " + wait, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while flushing pipe " + pipeName, e);
        }
    }

    /**
     * On the pipe's thread: runs {@code flush} once for every request made so far, if there is
     * one, and tells their callers the outcome; a failure is rethrown.
     *
     * @return whether there was a request to serve
     */
    boolean serve(Runnable flush) {
        if (pending.isEmpty()) {
            return false;
        }
        List<CompletableFuture<Void>> served = new ArrayList<>();
        CompletableFuture<Void> request;
        while ((request = pending.poll()) != null) {
            served.add(request);
        }
        try {
            flush.run();
            served.forEach(r -> r.complete(null));
            return true;
        } catch (RuntimeException e) {
            served.forEach(r -> r.completeExceptionally(e));
            throw e;
        }
    }

    /** On the pipe's thread, once it stops: fails every request still waiting. */
    void refuseAll() {
        CompletableFuture<Void> request;
        while ((request = pending.poll()) != null) {
            request.completeExceptionally(new IllegalStateException("pipe " + pipeName + " stopped"));
        }
    }

    /**
     * On the pipe's thread: waits for the duration, or less if a request or {@link #wake} comes.
     *
     * @throws InterruptedException if the thread is interrupted
     */
    void pause(Duration duration) throws InterruptedException {
        wakeups.poll(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Cuts the pipe thread's current or next pause short. */
    void wake() {
        wakeups.offer(WAKE);
    }
}
