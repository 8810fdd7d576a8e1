/**
 * Lua sources for the Redis send-slot store (see `redis-send-slot-store.ts` for the key layout;
 * `pg-send-slot-store.ts` runs the same rules in PostgreSQL).
 *
 * All times inside the scripts are integer microseconds of Redis server time (`TIME`), so every
 * worker process on every machine reads the same clock and fractional intervals never lose
 * precision (µs since the epoch stay far below 2^53). Numbers go back to Node as strings because
 * Redis truncates Lua numbers to integers on the way out.
 *
 * Requires Redis ≥ 5 (effects replication is the default, so `TIME` before a write is allowed).
 */

/**
 * Reserve one send slot.
 *
 * KEYS: 1 platform send log (ZSET: member = slot µs, score = when the send is known, or assumed,
 *       to have reached the platform at the latest), 2 platform block, 3 chat slot log (ZSET),
 *       4 chat block, 5 the platform's newest slot (string).
 * ARGV: 1 platform max per window, 2 platform window µs (incl. margin), 3 minimum spacing µs,
 *       4 in-flight allowance µs, 5 chat window µs, 6 chat max, 7 max-ahead µs.
 * Reply: `{1, slotUs, nowUs}` or `{0, retryUs, nowUs, reason}`.
 */
export const reserveLua = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local platformMax = tonumber(ARGV[1])
local platformWindow = tonumber(ARGV[2])
local spacing = tonumber(ARGV[3])
local inFlight = tonumber(ARGV[4])
local windowUs = tonumber(ARGV[5])
local maxInWindow = tonumber(ARGV[6])
local maxAhead = tonumber(ARGV[7])
local function fmt(x) return string.format('%.0f', x) end

local chatBlockedUntil = tonumber(redis.call('GET', KEYS[4]) or 0)
if chatBlockedUntil > now then
  return {0, fmt(chatBlockedUntil - now), fmt(now), 'chat-blocked'}
end

-- Sliding window log. Reserved slots in the future count too. Counting from "now" rather than
-- from the (later) slot is conservative: it can only see more entries, never fewer.
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', fmt(now - windowUs))
local count = redis.call('ZCARD', KEYS[3])
if count >= maxInWindow then
  local idx = count - maxInWindow
  local oldest = redis.call('ZRANGE', KEYS[3], idx, idx, 'WITHSCORES')
  return {0, fmt(tonumber(oldest[2]) + windowUs - now), fmt(now), 'chat-window'}
end

-- Platform-wide: at most platformMax sends reach the platform in any window. A send reaches it
-- no sooner than its slot, and no later than its score (the answer's arrival once confirmed), so
-- the new slot comes a whole window after the platformMax-th latest score, and 'spacing' after the
-- newest slot. Slots nobody used are given back (releaseLua): a stalled second is caught up.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', fmt(now - 2 * platformWindow))
local slot = now
local reason = 'global-rate'
local newest = tonumber(redis.call('GET', KEYS[5]) or 0)
if newest + spacing > slot then slot = newest + spacing end
local anchor = redis.call('ZREVRANGE', KEYS[1], platformMax - 1, platformMax - 1, 'WITHSCORES')
if anchor[2] then
  local bound = tonumber(anchor[2]) + platformWindow
  if bound > slot then slot = bound end
end
local blockedUntil = tonumber(redis.call('GET', KEYS[2]) or 0)
if blockedUntil > slot then
  slot = blockedUntil
  reason = 'platform-blocked'
end
if slot - now > maxAhead then
  return {0, fmt(slot - now - maxAhead), fmt(now), reason}
end

local keep = math.ceil((slot + inFlight + 2 * platformWindow - now) / 1000)
redis.call('ZADD', KEYS[1], fmt(slot + inFlight), fmt(slot))
redis.call('PEXPIRE', KEYS[1], keep)
redis.call('SET', KEYS[5], fmt(slot), 'PX', keep)
redis.call('ZADD', KEYS[3], fmt(slot), fmt(slot))
local newestChat = redis.call('ZRANGE', KEYS[3], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[3], math.ceil((tonumber(newestChat[2]) + windowUs - now) / 1000) + 1000)
return {1, fmt(slot), fmt(now)}
`;

/**
 * A send's answer came back at ARGV[2]: it reached the platform by then. Its score becomes that
 * time (never before the slot), so the sends a window later wait no longer than they must.
 *
 * KEYS: 1 platform send log. ARGV: 1 the slot (µs, as granted), 2 answered at (µs, Redis time).
 * Reply: 1 if the log still held the slot, else 0.
 */
export const confirmLua = `
local answered = math.max(tonumber(ARGV[1]), tonumber(ARGV[2]))
return redis.call('ZADD', KEYS[1], 'XX', 'CH', string.format('%.0f', answered), ARGV[1])
`;

/**
 * Give back a granted slot that was not used (its send never left): it no longer counts in the
 * platform's window nor in the chat's.
 *
 * KEYS: 1 platform send log, 2 chat slot log, 3 the platform's newest slot.
 * ARGV: 1 the slot (µs, as granted).
 * Reply: 1 if the platform log still held the slot, else 0.
 */
export const releaseLua = `
redis.call('ZREM', KEYS[2], ARGV[1])
local removed = redis.call('ZREM', KEYS[1], ARGV[1])
if redis.call('GET', KEYS[3]) == ARGV[1] then
  -- The newest slot was given back: the spacing counts from the newest one still taken.
  local newest = 0
  for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
    local slot = tonumber(member)
    if slot > newest then newest = slot end
  end
  if newest > 0 then
    redis.call('SET', KEYS[3], string.format('%.0f', newest), 'KEEPTTL')
  else
    redis.call('DEL', KEYS[3])
  end
end
return removed
`;

/**
 * Block a chat or a whole platform until now + ms (Redis time); a longer existing block wins.
 *
 * KEYS: 1 block key. ARGV: 1 duration ms (integer ≥ 1).
 * Reply: the effective blocked-until time in µs, as a string.
 */
export const blockLua = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local ms = tonumber(ARGV[1])
local untilUs = now + ms * 1000
local current = tonumber(redis.call('GET', KEYS[1]) or 0)
if current >= untilUs then return string.format('%.0f', current) end
redis.call('SET', KEYS[1], string.format('%.0f', untilUs), 'PX', ms)
return string.format('%.0f', untilUs)
`;
