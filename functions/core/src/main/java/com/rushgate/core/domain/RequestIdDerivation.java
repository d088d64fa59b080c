package com.rushgate.core.domain;

/**
 * Turns (eventId, userId) into the request's id. Deterministic and one-way: the id reveals nothing
 * about the user, and writing it with {@code attribute_not_exists} is the uniqueness check.
 */
@FunctionalInterface
public interface RequestIdDerivation {

    RequestId derive(String eventId, String userId);
}
