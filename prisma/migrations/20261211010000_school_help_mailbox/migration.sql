-- The schools help mailbox (issue 18): students ask the school counsellor for help.
ALTER TYPE "RoleName" ADD VALUE 'counsellor';

ALTER TYPE "TipCategory" ADD VALUE 'batnat';
ALTER TYPE "TipCategory" ADD VALUE 'chatcam';
ALTER TYPE "TipCategory" ADD VALUE 'xamhai';
ALTER TYPE "TipCategory" ADD VALUE 'mang';

CREATE TYPE "TipKind" AS ENUM ('crime', 'help');

ALTER TABLE "Tip" ADD COLUMN "kind" "TipKind" NOT NULL DEFAULT 'crime';
