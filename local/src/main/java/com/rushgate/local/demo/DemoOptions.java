package com.rushgate.local.demo;

import java.time.Duration;

/**
 * @param users       distinct participants
 * @param capacity    units of stock of the FCFS event
 * @param duplicates  extra submissions as a fraction of users (0.1 = 10% of users submit twice)
 * @param concurrency HTTP clients sending at the same time
 * @param drainTimeout how long to wait for every accepted request to become final
 */
public record DemoOptions(int users, int capacity, double duplicates, int concurrency, Duration drainTimeout) {

    public DemoOptions {
        if (users < 1 || capacity < 0 || concurrency < 1 || duplicates < 0 || duplicates > 10) {
            throw new IllegalArgumentException("need users >= 1, capacity >= 0, concurrency >= 1, 0 <= duplicates <= 10");
        }
    }
}
