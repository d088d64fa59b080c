package com.rushgate.core.app;

/**
 * What a redrive did.
 *
 * @param examined DLQ messages looked at (those of other events are not counted)
 * @param redriven sent back to the work queue (or would be, in a dry run)
 * @param skipped  deleted without sending: the request was decided, or is being processed,
 *                 or the message was unreadable and discarding was asked for
 * @param failed   left in the DLQ: no such request, unreadable, or the send failed
 * @param dryRun   nothing was changed
 */
public record RedriveReport(int examined, int redriven, int skipped, int failed, boolean dryRun) {
}
