-- The "English" button is offered once (issue 15).
ALTER TABLE "User" ADD COLUMN "languageOfferedAt" TIMESTAMP(3);

-- Before 20261207170000_promises_kept, an English Telegram app set the language of a new person to
-- English. The bot speaks Vietnamese until the person chooses, so those automatic settings are
-- undone (a person created since then has English only by choice).
UPDATE "User" SET "locale" = NULL
WHERE "locale" = 'en'
  AND "createdAt" < COALESCE(
    (SELECT "finished_at" FROM "_prisma_migrations" WHERE "migration_name" = '20261207170000_promises_kept'),
    now());
