import { sql, type Kysely } from 'kysely';

/**
 * Patient search without a scan of every patient (issue 11): an FTS5 index with the trigram
 * tokenizer over MRN, family name, given name and "given family" (db/patientSearch.ts queries
 * it), filled from the existing patients and kept in step by triggers. Patients are never
 * deleted, so insert and update are the only changes to follow.
 */
const statements = [
  `CREATE VIRTUAL TABLE patients_search USING fts5(mrn, family_name, given_name, full_name, tokenize = 'trigram')`,
  `INSERT INTO patients_search (rowid, mrn, family_name, given_name, full_name)
     SELECT id, mrn, family_name, given_name, given_name || ' ' || family_name FROM patients`,
  `CREATE TRIGGER patients_search_insert AFTER INSERT ON patients BEGIN
     INSERT INTO patients_search (rowid, mrn, family_name, given_name, full_name)
     VALUES (NEW.id, NEW.mrn, NEW.family_name, NEW.given_name, NEW.given_name || ' ' || NEW.family_name);
   END`,
  `CREATE TRIGGER patients_search_update AFTER UPDATE OF mrn, family_name, given_name ON patients BEGIN
     UPDATE patients_search SET mrn = NEW.mrn, family_name = NEW.family_name, given_name = NEW.given_name,
       full_name = NEW.given_name || ' ' || NEW.family_name WHERE rowid = NEW.id;
   END`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
