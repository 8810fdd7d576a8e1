/**
 * Lua sources for {@link SendRateLimiter} (see `rate-limiter.ts` for the key layout).
 *
 * All times inside the scripts are integer microseconds of Redis server time (`TIME`), so every
 * worker process on every machine reads the same clock and fractional intervals such as
 * 1000/29.3 ms never lose precision (µs since the epoch stay far below 2^53). Numbers go back to
 * Node as strings because Redis truncates Lua numbers to integers on the way out.
 *
 * Requires Redis ≥ 5 (effects replication is the default, so `TIME` before a write is allowed).
 */

/**
 * Reserve one send slot.
 *
 * KEYS: 1 next-free slot, 2 platform block, 3 chat slot log (ZSET), 4 chat block.
 * ARGV: 1 global interval µs, 2 chat window µs, 3 chat max, 4 max-ahead µs.
 * Reply: `{1, slotUs, nowUs}` or `{0, retryUs, nowUs, reason}`.
 */
export const reserveLua = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local windowUs = tonumber(ARGV[2])
local maxInWindow = tonumber(ARGV[3])
local maxAhead = tonumber(ARGV[4])
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

-- GCRA without burst: one "next free slot" per platform.
local slot = now
local reason = 'global-rate'
local nextFree = tonumber(redis.call('GET', KEYS[1]) or 0)
if nextFree > slot then slot = nextFree end
local blockedUntil = tonumber(redis.call('GET', KEYS[2]) or 0)
if blockedUntil > slot then
  slot = blockedUntil
  reason = 'platform-blocked'
end
if slot - now > maxAhead then
  return {0, fmt(slot - now - maxAhead), fmt(now), reason}
end

local newNext = slot + interval
redis.call('SET', KEYS[1], fmt(newNext), 'PX', math.ceil((newNext - now) / 1000) + 1000)
redis.call('ZADD', KEYS[3], fmt(slot), fmt(slot) .. ':' .. fmt(now))
local newest = redis.call('ZRANGE', KEYS[3], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[3], math.ceil((tonumber(newest[2]) + windowUs - now) / 1000) + 1000)
return {1, fmt(slot), fmt(now)}
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

/**
 * A send went out later than its slot (a busy event loop, GC): shift the platform's next free slot
 * by the lateness, so the sends after it keep their spacing from when it really went out.
 *
 * KEYS: 1 next-free slot. ARGV: 1 lateness µs, 2 global interval µs.
 * Reply: the new next-free slot in µs, as a string.
 */
export const lateLua = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local late = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local nextFree = tonumber(redis.call('GET', KEYS[1]) or 0)
local shifted = nextFree + late
if shifted < now + interval then shifted = now + interval end
redis.call('SET', KEYS[1], string.format('%.0f', shifted), 'PX', math.ceil((shifted - now) / 1000) + 1000)
return string.format('%.0f', shifted)
`;
