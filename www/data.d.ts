// Generated from the widget's Rust types by `DT_UPDATE_CONTRACT=1 cargo test -p delivery-tracker-widget --lib contract_types`: do not edit.

/**
 * The normalised result: the element's `data`, and `dt-load`'s `detail.data`.
 */

export type DeliveryTrackerData = { carrier: DeliveryTrackerCarrier, trackingNumber: string, status: DeliveryTrackerStatus, 
/**
 * 1 (received) to 5 (delivered), or `null` when no main stage is known.
 */
stage: 1 | 2 | 3 | 4 | 5 | null, from: DeliveryTrackerParty, to: DeliveryTrackerParty, 
/**
 * Oldest first.
 */
events: Array<DeliveryTrackerEvent>, 
/**
 * The history was cut at the widget's cap; older events exist but are not shown.
 */
olderEventsOmitted: boolean, 
/**
 * The answer came from a proxy's cache because the API could not serve.
 */
stale: boolean, 
/**
 * When a stale answer was fetched from the API (RFC 3339, as the proxy wrote it).
 */
fetchedAt: string | null, };

/**
 * A carrier: a track's, or an entry of the carriers list (and of the stored list).
 */

export type DeliveryTrackerCarrier = { id: string, name: string | null, tel: string | null, };

export type DeliveryTrackerStatus = { code: DeliveryTrackerStatusCode, 
/**
 * The carrier's own words for the status, as given.
 */
text: string | null, };

/**
 * A parcel status in the v2 vocabulary, which the widget uses for both API versions.
 */

export type DeliveryTrackerStatusCode = "UNKNOWN" | "INFORMATION_RECEIVED" | "AT_PICKUP" | "IN_TRANSIT" | "OUT_FOR_DELIVERY" | "ATTEMPT_FAIL" | "DELIVERED" | "AVAILABLE_FOR_PICKUP" | "EXCEPTION";

export type DeliveryTrackerParty = { name: string | null, time: string | null, };

export type DeliveryTrackerEvent = { 
/**
 * ISO 8601 with the offset the carrier gave.
 */
time: string | null, status: DeliveryTrackerStatus, location: string | null, description: string | null, };

/**
 * Why a request ended without a result (`dt-error`'s `kind`, `dt-fallback`'s `reason`).
 */

export type DeliveryTrackerErrorKind = "not-found" | "invalid" | "unauthorized" | "rate-limited" | "unavailable" | "timeout" | "bad-response";

/**
 * `dt-load`: a result was rendered (first load and each refresh).
 */

export type DtLoadDetail = { carrier: string, trackingNumber: string, status: DeliveryTrackerStatus, 
/**
 * As `data.stale`: the answer came from a proxy's cache.
 */
stale: boolean, 
/**
 * As `data.fetchedAt`.
 */
fetchedAt: string | null, 
/**
 * The normalised result: the very object the element's `data` property returns.
 */
data: DeliveryTrackerData, };

/**
 * `dt-error`: a request ended without a result.
 */

export type DtErrorDetail = { kind: DeliveryTrackerErrorKind, 
/**
 * `null` when no HTTP answer came.
 */
httpStatus: number | null, message: string, fallbackHref: string | null, };

/**
 * `dt-fallback`: the state became `fallback`.
 */

export type DtFallbackDetail = { reason: DeliveryTrackerErrorKind, href: string | null, };

/** The keys of the strings `translations` overrides (`{n}`, `{total}`, `{time}`, `{from}`, `{to}`, `{carrier}`, `{location}` are placeholders). */
export type DeliveryTrackerStringKey =
  | "stageReceived"
  | "stagePickedUp"
  | "stageInTransit"
  | "stageOutForDelivery"
  | "stageDelivered"
  | "attemptFail"
  | "availableForPickup"
  | "exception"
  | "unknownStatus"
  | "loading"
  | "trackingNumber"
  | "latestUpdate"
  | "deliveredAt"
  | "sender"
  | "recipient"
  | "callCarrier"
  | "copy"
  | "copied"
  | "stagesLabel"
  | "stepOf"
  | "timelineLabel"
  | "unknownDate"
  | "showMore"
  | "showLess"
  | "olderEventsOmitted"
  | "noEvents"
  | "notFoundHeading"
  | "invalidHeading"
  | "fallbackMessage"
  | "linkText"
  | "loaded"
  | "formHeading"
  | "carrier"
  | "chooseCarrier"
  | "submit"
  | "missingCarrier"
  | "missingNumber"
  | "updatedJustNow"
  | "updatedMinutesAgo"
  | "refresh"
  | "lastChecked"
  | "mayBeOutdated"
  | "copyDone"
  | "copySelected"
  | "today"
  | "yesterday"
  | "expectedWindow"
  | "refreshing"
  | "share"
  | "shareCopied"
  | "retry"
  | "retryingIn"
  | "reasonBusy"
  | "reasonSlow"
  | "reasonUnreachable"
  | "reasonRefused"
  | "reasonUnreadable"
  | "carrierPage"
  | "stageInterrupted"
  | "pickupAt"
  | "contactCarrier"
  | "notFoundAdvice"
  | "carrierMessage"
  | "numberPlaceholder"
  | "trackAnother"
  | "details"
  | "errorNetwork"
  | "errorTimeout"
  | "errorBadResponse"
  | "errorGraphqlOnV1"
  | "errorRefusedQuery"
  | "errorUnauthorized"
  | "errorRateLimited"
  | "errorUnavailable"
  | "errorHttpStatus"
  | "errorNotFound"
  | "errorBadFormat"
  | "errorCarrierNotListed"
  | "errorBlankNumber"
  | "errorBlankCarrier"
  | "errorApiBase";
