package com.rushgate.core.domain;

/**
 * Turns a userId into a pseudonymous key: stable per user, useless without the secret. Analytics
 * and logs only ever see this key.
 */
@FunctionalInterface
public interface UserKeyDerivation {

    String derive(String userId);
}
