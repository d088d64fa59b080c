package com.rushgate.ingest;

/**
 * What the idempotency layer stores and replays for one participation.
 *
 * @param requestId    the request
 * @param status       its status when the answer was first given
 * @param created      whether that first call created it
 * @param invocationId the Lambda request id of the invocation that produced this answer; an
 *                     answer carrying another invocation's id is a replay
 */
public record IngestResult(String requestId, String status, boolean created, String invocationId) {
}
