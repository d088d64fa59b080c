package com.rushgate.local.template;

/**
 * What intrinsic functions resolve to in one place: AWS gives stack-generated names and ARNs,
 * the local stack gives local names and loopback URLs.
 */
public interface ResolutionContext {

    /** {@code Ref} of a pseudo parameter, a template parameter or a resource. */
    Object ref(String name);

    /** {@code Fn::GetAtt}. */
    Object getAtt(String logicalId, String attribute);

    /** A {@code {{resolve:service:reference}}} dynamic reference, without the braces. */
    String dynamicReference(String reference);

    /** Whether the named condition of the template holds. */
    boolean condition(String name);
}
