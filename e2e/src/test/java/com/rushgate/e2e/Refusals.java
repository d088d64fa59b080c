package com.rushgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.rushgate.e2e.Api.Reply;
import com.rushgate.e2e.targets.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * What a refusal may look like on a target. A deployed stack's web ACL runs AWS's managed rule
 * groups (path traversal, oversized bodies, bad inputs) before the API's own checks, so there a
 * hostile request may be refused earlier, with the documented {@code 403 FORBIDDEN}; the local
 * stack has no managed rules, so there the API's own answer is the only one allowed.
 */
final class Refusals {

    private static final int FORBIDDEN = 403;

    private Refusals() {
    }

    /** The statuses allowed for a hostile request the API itself refuses with one of {@code statuses}. */
    static List<Integer> statuses(Target target, Integer... statuses) {
        List<Integer> allowed = new ArrayList<>(List.of(statuses));
        if (target.managedRulesInFront()) {
            allowed.add(FORBIDDEN);
        }
        return allowed;
    }

    /** {@code reply} is the API's {@code status} and {@code code}, or the managed rules' refusal where they stand in front. */
    static void assertRefused(Target target, Reply reply, int status, String code) {
        if (target.managedRulesInFront() && reply.status() == FORBIDDEN) {
            assertThat(reply.errorCode()).as(reply.body()).isEqualTo("FORBIDDEN");
            return;
        }
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.errorCode()).as(reply.body()).isEqualTo(code);
    }
}
