package com.rushgate.local.limits;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One item of a transaction or a batch, priced before the call.
 *
 * @param kind     Put, Update, Delete, ConditionCheck or Get
 * @param spec     the item's part of the request (a batch's delete keeps none)
 * @param estimate what admitting it reserves
 */
record PricedItem(String kind, TableShape shape, JsonNode spec, String itemKey, String partition,
                  List<Charge> estimate) {
}
