-- The "English" button is offered once (issue 15).
ALTER TABLE "User" ADD COLUMN "languageOfferedAt" TIMESTAMP(3);

-- Before 20261207170000_promises_kept, an English Telegram app set the language of a new person to
-- English. The bot speaks Vietnamese until the person chooses, so those automatic settings are
-- undone (a person created since then has English only by choice). The migration history table is
-- absent from the shadow database of prisma migrate diff and the runner splits DO blocks, hence the
-- query text read through query_to_xml only when the table exists.
UPDATE "User" SET "locale" = NULL
WHERE "locale" = 'en'
  AND "createdAt" < (
    SELECT CASE WHEN to_regclass('"_prisma_migrations"') IS NULL THEN NULL ELSE
      ((xpath('/row/t/text()', query_to_xml(
        'SELECT finished_at AS t FROM "_prisma_migrations" WHERE migration_name = ''20261207170000_promises_kept''',
        false, true, ''
      )))[1])::text::timestamp
    END
  );
