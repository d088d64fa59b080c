package com.rushgate.e2e.targets;

import java.net.URI;

/**
 * The stack the end-to-end suite talks to: the local stack it starts itself, or a deployed one.
 * Tests see the participants' API over HTTP as a client does, and reach behind it only through
 * {@link #tables()}, to set up events and to check what was stored.
 */
public interface Target {

    /** Where the API lives, without a trailing slash; a path such as {@code /requests/x} is appended to it. */
    URI api();

    /** Signed-in participants, by name. */
    Participants participants();

    /** The stack's RequestTable and EventTable. */
    StackTables tables();

    /**
     * Whether AWS's managed WAF rule groups stand in front of the API. They may refuse hostile
     * input with {@code 403 FORBIDDEN} (a documented answer) before the API's own checks do; the
     * local stack emulates the web ACL's rate rules only.
     */
    boolean managedRulesInFront();

    /** One line for the test log: which stack, where. */
    String describe();
}
