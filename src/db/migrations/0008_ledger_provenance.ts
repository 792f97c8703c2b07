// Where a household or person came from (来源): the ledger import that created it and the row of the
// file. A ledger import is audited by one event of its own (ledger.import: who, when, which file by
// its SHA-256, what it counted) and by one event per record it changes; the records it creates point
// back to it here instead of each carrying an audit event (decision 13 in docs/decisions.md): a
// million-row file wrote 1.3 million creation events, more than the people themselves cost to write.
// No foreign key: ledger_imports rows are never deleted, and a key check per row of a million-row
// import is time the import cannot spare.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table households add column source_import_id bigint, add column source_row integer;
    alter table persons add column source_import_id bigint, add column source_row integer;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table households drop column source_import_id, drop column source_row;
    alter table persons drop column source_import_id, drop column source_row;
  `.execute(db);
}
