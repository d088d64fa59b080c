package com.rushgate.local.limits;

/** Where the limits send the calls they admit: DynamoDB Local over its JSON protocol. */
interface Backend {

    /**
     * @param target        the X-Amz-Target operation, e.g. {@code DynamoDB_20120810.PutItem}
     * @param authorization the caller's Authorization header (DynamoDB Local keeps one database per access key)
     */
    Reply call(String target, byte[] body, String authorization);

    /** DynamoDB's answer: its HTTP status and JSON body. */
    record Reply(int status, byte[] body) {
    }
}
