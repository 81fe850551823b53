/**
 * The Lua scripts that move delivery's money-like counters atomically (scripts.ts binds them).
 * Counters are integer micro-rupiah. Redis's INCRBY/DECRBY are exact 64-bit; the scripts compare
 * with Lua numbers, exact below 2^53 micros (Rp 9.007.199.254), far above any budget Sorot allows.
 */

/**
 * How long a pacing ceiling's key outlives its last write: only garbage collection, since the
 * ceiling's own end travels in its value. Two days outlast any local date it is keyed by.
 */
export const PACING_CEILING_KEY_TTL_SECONDS = 172_800;

/** A lease takes at most this share (1/n) of the room left under a campaign's caps and balance. */
export const LEASE_ROOM_SHARE = 8;

/** A pacing ceiling's stored value: the ceiling and when it ends, in ms on the writer's clock. */
export function pacingCeilingValue(ceiling: bigint, endMs: number): string {
  return `${ceiling}:${endMs}`;
}

/**
 * Reserves `cost` for one CPM impression (or charges one CPC click) against the campaign's daily
 * and lifetime caps and the business's available balance, all or nothing.
 * With a frequency cap, a viewer already at it is refused first; with `mustFit`, the caps and the
 * balance must leave room for that much more (a CPC ad reserves nothing, but one click must fit).
 * Both ride on the reservation's round trip instead of reads of their own.
 * The viewer's frequency counter counts answers in flight as well as impressions: an opened
 * reservation adds one here, its release takes it back and its impression keeps it, so a viewer who
 * prefetches cannot hold more answers of one campaign than its cap.
 * The reservation key has no TTL of its own: were Redis to drop it, the release job would find
 * nothing to give back and its cost would stay held for good. The expiry set is what ends it.
 * A standard-paced campaign's day counter also stays within its pacing ceiling, which the pacing
 * job sets each run; before its first run (or once the ceiling's end has passed) the first decision
 * sets one from the day counter and `coldAllowance`, the share of the hour's target a first minute
 * may take. A ceiling's value is `<ceiling>:<endMs>` with its end on the caller's clock, compared
 * with the `nowMs` the caller passes: the simulated day runs a virtual clock, so a Redis TTL would
 * end ceilings at moments that depend on the machine's speed. The TTL only collects old keys.
 * KEYS: available, day, total, reserved, reservation, expiry-set, viewer's frequency counter,
 *       pacing ceiling
 * ARGV: cost, dailyCap (-1: none), lifetimeCap (-1: none), expiry-set member, expiresAtMs,
 *       frequencyCap (0: none, the counter key is not read), mustFit, coldAllowance (-1: not paced),
 *       nowMs, cold ceiling's end (ms on the caller's clock)
 * Returns 1, or 0 (daily cap), -1 (lifetime cap), -2 (balance), -3 (balance unknown),
 * -4 (frequency cap), -5 (pacing ceiling): scripts.ts names them.
 */
export const RESERVE_SCRIPT = `
local PACING_CEILING_KEY_TTL = ${PACING_CEILING_KEY_TTL_SECONDS}
local cost = tonumber(ARGV[1])
local frequencyCap = tonumber(ARGV[6])
local mustFit = tonumber(ARGV[7])
if frequencyCap > 0 and tonumber(redis.call('GET', KEYS[7]) or '0') >= frequencyCap then return -4 end
if redis.call('EXISTS', KEYS[1]) == 0 then return -3 end
local day = redis.call('INCRBY', KEYS[2], ARGV[1])
if redis.call('TTL', KEYS[2]) < 0 then redis.call('EXPIRE', KEYS[2], 259200) end
if tonumber(ARGV[2]) >= 0 and day + mustFit > tonumber(ARGV[2]) then
  redis.call('DECRBY', KEYS[2], ARGV[1])
  return 0
end
if tonumber(ARGV[8]) >= 0 then
  local ceiling = -1
  local stored = redis.call('GET', KEYS[8])
  if stored then
    local value, endMs = string.match(stored, '^(%d+):(%d+)$')
    if value and tonumber(endMs) > tonumber(ARGV[9]) then ceiling = tonumber(value) end
  end
  if ceiling < 0 then
    ceiling = day - cost + tonumber(ARGV[8])
    redis.call('SET', KEYS[8], string.format('%.0f', ceiling) .. ':' .. ARGV[10], 'EX', PACING_CEILING_KEY_TTL)
  end
  -- Not day + mustFit: a CPC ad's request is worth its click price times a click-through rate of a
  -- few percent, so holding room for a whole click would refuse it nearly always; a click may pass
  -- the ceiling by its price, while the caps above stay exact.
  if day > ceiling then
    redis.call('DECRBY', KEYS[2], ARGV[1])
    return -5
  end
end
local total = redis.call('INCRBY', KEYS[3], ARGV[1])
if tonumber(ARGV[3]) >= 0 and total + mustFit > tonumber(ARGV[3]) then
  redis.call('DECRBY', KEYS[2], ARGV[1])
  redis.call('DECRBY', KEYS[3], ARGV[1])
  return -1
end
local left = redis.call('DECRBY', KEYS[1], ARGV[1])
if left - mustFit < 0 then
  redis.call('INCRBY', KEYS[1], ARGV[1])
  redis.call('DECRBY', KEYS[2], ARGV[1])
  redis.call('DECRBY', KEYS[3], ARGV[1])
  return -2
end
if KEYS[5] ~= '' then
  redis.call('INCRBY', KEYS[4], ARGV[1])
  redis.call('SET', KEYS[5], ARGV[1])
  redis.call('ZADD', KEYS[6], ARGV[5], ARGV[4])
  redis.call('INCR', KEYS[7])
  redis.call('EXPIRE', KEYS[7], 172800)
end
return 1
`;

/**
 * Leases a slice of a campaign's room to one api process: the slice is counted in the day and
 * lifetime counters, taken from `available` and held in `reserved` like a reservation, so however
 * the process spends it locally, spend cannot pass a cap or the balance. The slice is `wanted`,
 * cut to at most a share (1/LEASE_ROOM_SHARE) of the room left under the caps, the pacing ceiling
 * and the balance, in whole events of `cost`, and never less than one event: the room is shared
 * fairly among processes and the last events of a budget go one at a time.
 * The pacing ceiling is read, or set cold, exactly as the reserve script does.
 * KEYS: available, day, total, reserved, lease, expiry-set, pacing ceiling
 * ARGV: wanted, cost (one event), dailyCap (-1: none), lifetimeCap (-1: none), expiry-set member,
 *       deadlineMs, coldAllowance (-1: not paced), nowMs, cold ceiling's end (ms, caller's clock)
 * Returns the slice leased (> 0), or 0 (daily cap), -1 (lifetime cap), -2 (balance),
 * -3 (balance unknown), -5 (pacing ceiling): the reserve script's codes.
 */
export const LEASE_SCRIPT = `
local PACING_CEILING_KEY_TTL = ${PACING_CEILING_KEY_TTL_SECONDS}
local ROOM_SHARE = ${LEASE_ROOM_SHARE}
local wanted = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local available = redis.call('GET', KEYS[1])
if not available then return -3 end
local day = tonumber(redis.call('GET', KEYS[2]) or '0')
local total = tonumber(redis.call('GET', KEYS[3]) or '0')
if tonumber(ARGV[3]) >= 0 and tonumber(ARGV[3]) - day < cost then return 0 end
if tonumber(ARGV[4]) >= 0 and tonumber(ARGV[4]) - total < cost then return -1 end
if tonumber(available) < cost then return -2 end
local room = tonumber(available)
if tonumber(ARGV[3]) >= 0 then room = math.min(room, tonumber(ARGV[3]) - day) end
if tonumber(ARGV[4]) >= 0 then room = math.min(room, tonumber(ARGV[4]) - total) end
if tonumber(ARGV[7]) >= 0 then
  local ceiling = -1
  local stored = redis.call('GET', KEYS[7])
  if stored then
    local value, endMs = string.match(stored, '^(%d+):(%d+)$')
    if value and tonumber(endMs) > tonumber(ARGV[8]) then ceiling = tonumber(value) end
  end
  if ceiling < 0 then
    ceiling = day + tonumber(ARGV[7])
    redis.call('SET', KEYS[7], string.format('%.0f', ceiling) .. ':' .. ARGV[9], 'EX', PACING_CEILING_KEY_TTL)
  end
  if ceiling - day < cost then return -5 end
  room = math.min(room, ceiling - day)
end
local slice = math.max(cost, math.min(wanted, room / ROOM_SHARE))
slice = string.format('%.0f', math.floor(slice / cost) * cost)
redis.call('INCRBY', KEYS[2], slice)
if redis.call('TTL', KEYS[2]) < 0 then redis.call('EXPIRE', KEYS[2], 259200) end
redis.call('INCRBY', KEYS[3], slice)
redis.call('DECRBY', KEYS[1], slice)
redis.call('INCRBY', KEYS[4], slice)
redis.call('SET', KEYS[5], slice)
redis.call('ZADD', KEYS[6], ARGV[6], ARGV[5])
return tonumber(slice)
`;

/**
 * Lua shared by the beacon scripts that may charge outside a reservation (a CPC click, the
 * impression of a reservation a failover lost): the charge against balance and caps, all or
 * nothing, and the event written with what was charged.
 */
const BEACON_HELPERS = `
local function charge_within_caps(available, day, total, cost, day_cap, total_cap)
  if redis.call('EXISTS', available) == 0 then return false end
  local spent_today = redis.call('INCRBY', day, cost)
  local spent_total = redis.call('INCRBY', total, cost)
  local left = redis.call('DECRBY', available, cost)
  if (tonumber(day_cap) >= 0 and spent_today > tonumber(day_cap)) or (tonumber(total_cap) >= 0 and spent_total > tonumber(total_cap)) or left < 0 then
    redis.call('DECRBY', day, cost)
    redis.call('DECRBY', total, cost)
    redis.call('INCRBY', available, cost)
    return false
  end
  return true
end
local function append_event(stream, event_json, charged, reason)
  local event = string.gsub(event_json, '"costMicros":"0"', '"costMicros":"' .. charged .. '"', 1)
  if reason then event = string.gsub(event, '"invalidReason":null', '"invalidReason":"' .. reason .. '"', 1) end
  redis.call('XADD', stream, '*', 'e', event)
end
`;

/**
 * Turns a reservation into a counted impression, once: the reservation key is the single-use
 * token. A billable impression moves its cost from reserved to pending; a bot's is released back.
 * The event enters the stream in the same script, so an answered beacon is always in the stream.
 * The viewer's frequency counter already counted this answer when it was reserved.
 * A reservation that vanished (no reservation, no impression marker: a failover lost the write
 * that made it; a release or a confirm leaves the marker) was answered all the same: its
 * impression is charged only if the campaign's caps and the balance still cover its cost, as a
 * new reservation would be, and counted unbilled (`no_budget`, cost 0) otherwise.
 * KEYS: reservation, reserved, pending, impression-counted, expiry-set, events, available, day, total
 * ARGV: reservationId, eventJson (cost filled in here), billable (1/0), cost of a vanished
 *       reservation, dailyCap (-1: none), lifetimeCap (-1: none)
 * Returns the cost charged (>= 0), or -1 when the token was used or its reservation ended.
 */
export const CONFIRM_IMPRESSION_SCRIPT = `${BEACON_HELPERS}
local cost = redis.call('GET', KEYS[1])
local charged = '0'
local reason = nil
if cost then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[5], ARGV[1])
  redis.call('DECRBY', KEYS[2], cost)
  if ARGV[3] == '1' then
    redis.call('INCRBY', KEYS[3], cost)
    charged = cost
  else
    redis.call('INCRBY', KEYS[7], cost)
    redis.call('DECRBY', KEYS[8], cost)
    redis.call('DECRBY', KEYS[9], cost)
    reason = 'bot'
  end
else
  if redis.call('EXISTS', KEYS[4]) == 1 then return -1 end
  if ARGV[3] ~= '1' then
    reason = 'bot'
  elseif tonumber(ARGV[4]) > 0 and charge_within_caps(KEYS[7], KEYS[8], KEYS[9], ARGV[4], ARGV[5], ARGV[6]) then
    redis.call('INCRBY', KEYS[3], ARGV[4])
    charged = ARGV[4]
  elseif tonumber(ARGV[4]) > 0 then
    reason = 'no_budget'
  end
end
redis.call('SET', KEYS[4], '1', 'EX', 86400)
append_event(KEYS[6], ARGV[2], charged, reason)
return tonumber(charged)
`;

/**
 * Counts the impression of an answer spent from a lease, once: the answer's marker is the
 * single-use token. A billable impression moves its cost from the lease's held amount (and
 * `reserved`) to pending; a bot's goes back to balance and caps. A lease the release job ended
 * (its marker says so) refuses the beacon, as an ended reservation does; a lease that vanished
 * (no key, no marker: a failover lost it) charges within caps and balance, as a vanished
 * reservation's impression does.
 * KEYS: lease, lease-ended marker, answer's impression marker, reserved, pending, events,
 *       available, day, total
 * ARGV: eventJson (cost filled in here), billable (1/0), cost, dailyCap (-1: none),
 *       lifetimeCap (-1: none)
 * Returns the cost charged (>= 0), or -1 when the token was used or its lease ended.
 */
export const CONFIRM_LEASED_IMPRESSION_SCRIPT = `${BEACON_HELPERS}
if redis.call('EXISTS', KEYS[3]) == 1 then return -1 end
local cost = ARGV[3]
local held = redis.call('GET', KEYS[1])
local charged = '0'
local reason = nil
if held and tonumber(held) >= tonumber(cost) then
  redis.call('DECRBY', KEYS[1], cost)
  redis.call('DECRBY', KEYS[4], cost)
  if ARGV[2] == '1' then
    redis.call('INCRBY', KEYS[5], cost)
    charged = cost
  else
    redis.call('INCRBY', KEYS[7], cost)
    redis.call('DECRBY', KEYS[8], cost)
    redis.call('DECRBY', KEYS[9], cost)
    reason = 'bot'
  end
elseif redis.call('EXISTS', KEYS[2]) == 1 then
  return -1
elseif ARGV[2] ~= '1' then
  reason = 'bot'
elseif charge_within_caps(KEYS[7], KEYS[8], KEYS[9], cost, ARGV[4], ARGV[5]) then
  redis.call('INCRBY', KEYS[5], cost)
  charged = cost
else
  reason = 'no_budget'
end
redis.call('SET', KEYS[3], '1', 'EX', 86400)
append_event(KEYS[6], ARGV[1], charged, reason)
return tonumber(charged)
`;

/**
 * Counts a click once, only after a counted impression (marker 1; a released reservation's is 0); a CPC click is charged here against the
 * same caps as a reservation, and counted but not charged when a cap or the balance is reached.
 * KEYS: impression-counted, click-counted, available, day, total, pending, events
 * ARGV: cost (0 for CPM), dailyCap, lifetimeCap, eventJson, billable (1/0)
 * Returns the cost charged (>= 0), -1 for a replay, -2 without a counted impression.
 */
export const CLICK_SCRIPT = `${BEACON_HELPERS}
if redis.call('GET', KEYS[1]) ~= '1' then return -2 end
if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', 86400) then return -1 end
local charged = '0'
local reason = nil
if ARGV[5] == '1' and tonumber(ARGV[1]) > 0 then
  if charge_within_caps(KEYS[3], KEYS[4], KEYS[5], ARGV[1], ARGV[2], ARGV[3]) then
    redis.call('INCRBY', KEYS[6], ARGV[1])
    charged = ARGV[1]
  else
    reason = 'no_budget'
  end
end
append_event(KEYS[7], ARGV[4], charged, reason)
return tonumber(charged)
`;

/**
 * Ends a reservation nobody confirmed (expired, or its campaign stopped delivering), giving its
 * cost back to balance and caps and its place back under the viewer's frequency cap. It leaves the
 * impression marker (value 0: ended, not counted), so a late beacon is refused, not taken for a
 * reservation a failover lost.
 * KEYS: reservation, reserved, available, day, total, expiry-set, viewer's frequency counter,
 *       impression-counted
 * ARGV: expiry-set member
 * Returns the cost given back (>= 0), or -1 when the reservation had already ended.
 */
export const RELEASE_SCRIPT = `
local cost = redis.call('GET', KEYS[1])
redis.call('ZREM', KEYS[6], ARGV[1])
if not cost then return -1 end
redis.call('DEL', KEYS[1])
redis.call('SET', KEYS[8], '0', 'EX', 86400, 'NX')
redis.call('DECRBY', KEYS[2], cost)
redis.call('INCRBY', KEYS[3], cost)
redis.call('DECRBY', KEYS[4], cost)
redis.call('DECRBY', KEYS[5], cost)
if tonumber(redis.call('GET', KEYS[7]) or '0') > 0 then redis.call('DECR', KEYS[7]) end
return tonumber(cost)
`;

/**
 * Gives back the part of a lease its process did not answer with (its window ended, or an answer
 * never reached its placement), to balance and caps; the answered part stays held for its
 * beacons until the lease's deadline, when the release job ends the lease.
 * KEYS: lease, reserved, available, day, total   ARGV: amount
 * Returns what it gave back (at most what the lease still holds), or -1 when the lease had ended.
 */
export const RETURN_LEASE_SCRIPT = `
local held = redis.call('GET', KEYS[1])
if not held then return -1 end
local amount = math.min(tonumber(ARGV[1]), tonumber(held))
if amount <= 0 then return 0 end
amount = string.format('%.0f', amount)
redis.call('DECRBY', KEYS[1], amount)
redis.call('DECRBY', KEYS[2], amount)
redis.call('INCRBY', KEYS[3], amount)
redis.call('DECRBY', KEYS[4], amount)
redis.call('DECRBY', KEYS[5], amount)
return tonumber(amount)
`;

/**
 * After the tally billed events, takes their cost out of pending, once per event whatever retries
 * happen. An event the ledger could not cover (billed less than was held for it) gives the
 * difference back to available, so available + reserved + pending keeps matching the ledger.
 * KEYS: pending, settled-set, available   ARGV: eventId1, cost1, refund1, eventId2, ...
 */
export const SETTLE_SCRIPT = `
local settled = 0
for i = 1, #ARGV, 3 do
  if redis.call('SADD', KEYS[2], ARGV[i]) == 1 then
    redis.call('DECRBY', KEYS[1], ARGV[i + 1])
    if ARGV[i + 2] ~= '0' and redis.call('EXISTS', KEYS[3]) == 1 then
      redis.call('INCRBY', KEYS[3], ARGV[i + 2])
    end
    settled = settled + 1
  end
end
redis.call('EXPIRE', KEYS[2], 172800)
return settled
`;

/**
 * Takes `amount` out of `available` for a withdrawal hold unless that would dip into money already
 * committed to ads. Returns 1 taken, 0 not initialised (nothing delivering), -1 not enough.
 */
export const TAKE_AVAILABLE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local left = redis.call('DECRBY', KEYS[1], ARGV[1])
if left < 0 then
  redis.call('INCRBY', KEYS[1], ARGV[1])
  return -1
end
return 1
`;

/**
 * Moves `available` by one committed wallet change, once per change id whatever retries happen,
 * and only once delivery has initialised it from the ledger (which then already holds the change).
 * KEYS: available, synced-marker   ARGV: delta
 * Returns 1 applied, 0 not initialised, -1 applied before.
 */
export const APPLY_BALANCE_CHANGE_SCRIPT = `
if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', 604800) then return -1 end
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('INCRBY', KEYS[1], ARGV[1])
return 1
`;

/**
 * Counts a video quartile once, only after its impression was counted; never charged. The marker
 * and the event go together, so a counted quartile is always in the stream.
 * KEYS: impression-counted, quartile-counted, events   ARGV: eventJson
 * Returns 1 counted, 0 not counted (no impression, or counted before).
 */
export const QUARTILE_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= '1' then return 0 end
if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', 86400) then return 0 end
redis.call('XADD', KEYS[3], '*', 'e', ARGV[1])
return 1
`;

/** How long an answered decision holds its cost before the release job gives it back. */
export const RESERVATION_TTL_SECONDS = 15 * 60;
