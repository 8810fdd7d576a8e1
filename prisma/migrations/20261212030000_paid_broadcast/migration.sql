-- Paid broadcasts (issue 20): a delivery marked as an emergency (a khẩn alert) may be sent with
-- Telegram's allow_paid_broadcast, under a second bot-wide window of 1,000/s. The send limiter's
-- functions take the window's scope apart from the chat's: the per-chat windows and the bot-wide
-- block stay shared (`p_scope`), the bot-wide send log and newest slot are the window's own
-- (`p_window_scope`; equal to `p_scope` for the regular window).

ALTER TABLE "Delivery" ADD COLUMN "emergency" BOOLEAN NOT NULL DEFAULT false;

DROP FUNCTION send_slot_reserve(TEXT, TEXT, INTEGER, BIGINT, BIGINT, BIGINT, BIGINT, INTEGER, BIGINT);
DROP FUNCTION send_slot_release(TEXT, TEXT, BIGINT);

-- Reserve one send slot: the same rules, in the same order, as reserveLua (src/queue/rate-limiter.lua.ts).
-- One advisory lock per scope (`<prefix>:<platform>`, whatever the window) makes the whole
-- reservation atomic across processes, as a Lua script is in Redis: the clock is read once the lock is held.
-- Returns (true, slot µs, now µs, NULL) or (false, retry in µs, now µs, reason).
CREATE FUNCTION send_slot_reserve(
    p_scope TEXT, p_window_scope TEXT, p_chat TEXT, p_platform_max INTEGER, p_platform_window BIGINT, p_spacing BIGINT,
    p_in_flight BIGINT, p_chat_window BIGINT, p_chat_max INTEGER, p_max_ahead BIGINT
) RETURNS TABLE (granted BOOLEAN, value_us BIGINT, now_us BIGINT, reason TEXT)
LANGUAGE plpgsql
AS $$
DECLARE
    v_now BIGINT;
    v_until BIGINT;
    v_count INTEGER;
    v_oldest BIGINT;
    v_slot BIGINT;
    v_reason TEXT := 'global-rate';
    v_newest BIGINT;
    v_blocked BIGINT;
    v_anchor BIGINT;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('keng:send-limit:' || p_scope, 0));
    v_now := send_limit_now_us();

    DELETE FROM "SendLimitChatBlock" WHERE "scope" = p_scope AND "untilUs" <= v_now;
    SELECT "untilUs" INTO v_until FROM "SendLimitChatBlock" WHERE "scope" = p_scope AND "chatKey" = p_chat;
    IF v_until IS NOT NULL THEN
        RETURN QUERY SELECT false, v_until - v_now, v_now, 'chat-blocked'::TEXT;
        RETURN;
    END IF;

    -- Sliding window log per chat; slots reserved in the future count too.
    DELETE FROM "SendLimitChatSlot" WHERE "scope" = p_scope AND "expiresUs" <= v_now;
    SELECT count(*) INTO v_count FROM "SendLimitChatSlot" WHERE "scope" = p_scope AND "chatKey" = p_chat;
    IF v_count >= p_chat_max THEN
        SELECT "slotUs" INTO v_oldest FROM "SendLimitChatSlot" WHERE "scope" = p_scope AND "chatKey" = p_chat
        ORDER BY "slotUs" OFFSET v_count - p_chat_max LIMIT 1;
        RETURN QUERY SELECT false, v_oldest + p_chat_window - v_now, v_now, 'chat-window'::TEXT;
        RETURN;
    END IF;

    -- Bot-wide, in the window's own log: a window after the platform_max-th latest arrival,
    -- `spacing` after the newest slot; the bot-wide block is the scope's, shared by every window.
    DELETE FROM "SendLimitSlot" WHERE "scope" = p_window_scope AND "arrivedByUs" <= v_now - 2 * p_platform_window;
    v_slot := v_now;
    SELECT "newestUs" INTO v_newest FROM "SendLimitPlatform" WHERE "scope" = p_window_scope;
    SELECT "blockedUntilUs" INTO v_blocked FROM "SendLimitPlatform" WHERE "scope" = p_scope;
    IF coalesce(v_newest, 0) + p_spacing > v_slot THEN v_slot := v_newest + p_spacing; END IF;
    SELECT "arrivedByUs" INTO v_anchor FROM "SendLimitSlot" WHERE "scope" = p_window_scope
    ORDER BY "arrivedByUs" DESC OFFSET p_platform_max - 1 LIMIT 1;
    IF v_anchor IS NOT NULL AND v_anchor + p_platform_window > v_slot THEN v_slot := v_anchor + p_platform_window; END IF;
    IF coalesce(v_blocked, 0) > v_slot THEN
        v_slot := v_blocked;
        v_reason := 'platform-blocked';
    END IF;
    IF v_slot - v_now > p_max_ahead THEN
        RETURN QUERY SELECT false, v_slot - v_now - p_max_ahead, v_now, v_reason;
        RETURN;
    END IF;

    INSERT INTO "SendLimitSlot" ("scope", "slotUs", "arrivedByUs") VALUES (p_window_scope, v_slot, v_slot + p_in_flight)
    ON CONFLICT ("scope", "slotUs") DO UPDATE SET "arrivedByUs" = EXCLUDED."arrivedByUs";
    INSERT INTO "SendLimitPlatform" ("scope", "newestUs") VALUES (p_window_scope, v_slot)
    ON CONFLICT ("scope") DO UPDATE SET "newestUs" = EXCLUDED."newestUs";
    INSERT INTO "SendLimitChatSlot" ("scope", "chatKey", "slotUs", "expiresUs") VALUES (p_scope, p_chat, v_slot, v_slot + p_chat_window)
    ON CONFLICT DO NOTHING;
    RETURN QUERY SELECT true, v_slot, v_now, NULL::TEXT;
END;
$$;

-- Give back a slot whose send never started (releaseLua): it leaves the window's log and the
-- chat's, and the spacing counts from the newest slot still taken. Returns whether the log held it.
CREATE FUNCTION send_slot_release(p_scope TEXT, p_window_scope TEXT, p_chat TEXT, p_slot BIGINT) RETURNS BOOLEAN
LANGUAGE plpgsql
AS $$
DECLARE
    v_removed INTEGER;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('keng:send-limit:' || p_scope, 0));
    DELETE FROM "SendLimitChatSlot" WHERE "scope" = p_scope AND "chatKey" = p_chat AND "slotUs" = p_slot;
    DELETE FROM "SendLimitSlot" WHERE "scope" = p_window_scope AND "slotUs" = p_slot;
    GET DIAGNOSTICS v_removed = ROW_COUNT;
    UPDATE "SendLimitPlatform"
    SET "newestUs" = coalesce((SELECT max("slotUs") FROM "SendLimitSlot" WHERE "scope" = p_window_scope), 0)
    WHERE "scope" = p_window_scope AND "newestUs" = p_slot;
    RETURN v_removed > 0;
END;
$$;
