-- Issue 19: what produced a delivery is stored as typed fields (kind, id, step), not a `source`
-- string parsed back by regular expressions. Existing rows are backfilled from the old strings.
CREATE TYPE "DeliverySourceKind" AS ENUM ('alert', 'alarm', 'campaign', 'tip', 'tipCard', 'quiz', 'report', 'relay', 'relayReminder');

ALTER TABLE "Delivery" ADD COLUMN "sourceKind" "DeliverySourceKind";
ALTER TABLE "Delivery" ADD COLUMN "sourceId" INTEGER;
ALTER TABLE "Delivery" ADD COLUMN "sourceStep" INTEGER;

-- `alert:12`, `alarm:3`, `campaign:4`, `quiz:5`, `tip:6`.
UPDATE "Delivery"
SET "sourceKind" = split_part("source", ':', 1)::"DeliverySourceKind",
    "sourceId" = split_part("source", ':', 2)::integer
WHERE "source" ~ '^(alert|alarm|campaign|quiz|tip):[0-9]{1,9}$';

-- A tip's card sent by forwarding or escalation (key `tip:<tip>:officer:<user>:<level>`): the digest merges these.
UPDATE "Delivery"
SET "sourceKind" = 'tipCard', "sourceStep" = substring("key" FROM ':([0-9]{1,3})$')::integer
WHERE "sourceKind" = 'tip' AND "key" ~ '^tip:[0-9]{1,10}:officer:[0-9]{1,10}:[0-9]{1,3}$';

-- `report:<area code>`: the area's id (a report of an area since removed keeps no source).
UPDATE "Delivery" d
SET "sourceKind" = 'report', "sourceId" = a."id"
FROM "Area" a
WHERE d."source" LIKE 'report:%' AND a."code" = substring(d."source" FROM 8);

-- `relay:<subject>` and `relay:<subject>:remind`.
UPDATE "Delivery" SET "sourceKind" = 'relayReminder' WHERE "source" LIKE 'relay:%:remind';
UPDATE "Delivery" SET "sourceKind" = 'relay' WHERE "source" LIKE 'relay:%' AND "sourceKind" IS NULL;

DROP INDEX IF EXISTS "Delivery_source_idx";
ALTER TABLE "Delivery" DROP COLUMN "source";
CREATE INDEX "Delivery_sourceKind_sourceId_idx" ON "Delivery"("sourceKind", "sourceId");

-- The fields fit together (src/core/delivery-source.ts reads them back): a kind with an id, a tip card with its level.
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_source_fields" CHECK (
  CASE
    WHEN "sourceKind" IS NULL THEN "sourceId" IS NULL AND "sourceStep" IS NULL
    WHEN "sourceKind" IN ('relay', 'relayReminder') THEN "sourceId" IS NULL AND "sourceStep" IS NULL
    WHEN "sourceKind" = 'tipCard' THEN "sourceId" IS NOT NULL AND "sourceStep" IS NOT NULL
    ELSE "sourceId" IS NOT NULL AND "sourceStep" IS NULL
  END
);
