import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What SHCP's open data says that the model could not hold (docs/decisions/0037):
 * - transversal and strategic evaluations carry a four-digit key without a modality
 *   letter (`´0002`, `0003`): a program may have modality '' and a four-digit code;
 * - per ASM, the values as published: the dependency's acronym (LICONSA stays LICONSA
 *   even where the program belongs to another institution's record), every TIPO_MEJORA
 *   listed, GASTO_FEDERALIZADO, and the avance with its decimals (66.67).
 */
export class ShcpFidelity1796500000000 implements MigrationInterface {
  name = 'ShcpFidelity1796500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE programs DROP CONSTRAINT programs_modality_check, DROP CONSTRAINT programs_code_check,
        ALTER COLUMN modality TYPE varchar(1), ALTER COLUMN code TYPE varchar(4),
        ADD CONSTRAINT programs_key_check CHECK ((modality ~ '^[A-Z]$' AND code ~ '^[0-9]{3}$') OR (modality = '' AND code ~ '^[0-9]{4}$'));

      ALTER TABLE asms
        ADD COLUMN published_acronym text CHECK (btrim(published_acronym) <> ''),
        ADD COLUMN published_improvement_types text[],
        ADD COLUMN published_federalized_spending text,
        ADD COLUMN published_avance numeric(5,2) CHECK (published_avance BETWEEN 0 AND 100);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE asms DROP COLUMN published_acronym, DROP COLUMN published_improvement_types, DROP COLUMN published_federalized_spending,
        DROP COLUMN published_avance;
      ALTER TABLE programs DROP CONSTRAINT programs_key_check,
        ALTER COLUMN modality TYPE char(1), ALTER COLUMN code TYPE varchar(3),
        ADD CONSTRAINT programs_modality_check CHECK (modality ~ '^[A-Z]$'), ADD CONSTRAINT programs_code_check CHECK (code ~ '^[0-9]{3}$');
    `);
  }
}
