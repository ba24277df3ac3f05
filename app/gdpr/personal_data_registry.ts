import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/*
| GDPR seam (SPEC §5): every place that stores personal data says so here, so that
| export, erase-check and erase cover it without the gdpr module knowing the others'
| tables. Core registers its own contributor; each feature module registers one from
| its provider's `register()` (through `#gdpr/personal_data_registry`, a core file).
|
| All three hooks run once per organisation the person belongs to, INSIDE that
| organisation's tenant transaction (`trx`, RLS active), with the person's owner ids in
| that organisation. They must not open their own transaction.
*/
export interface PersonalDataSubject {
  userId: string
  email: string
  organisationId: string
  /** `owners.id` rows of this organisation linked to the user (by user_id). */
  ownerIds: string[]
}

export interface PersonalColumn {
  table: string
  /** Columns holding personal values (names, e-mail, phone, address, IBAN, free text by the person…). */
  columns: string[]
  /** How erase treats the row: anonymised in place, unlinked (kept for legal retention), or deleted. */
  onErase: 'anonymise' | 'unlink' | 'delete' | 'keep'
  note?: string
}

export interface PersonalDataContributor {
  /** `core` or the module key. */
  key: string
  /**
   * Every table/column of this contributor that holds personal data. The gdpr tests
   * compare this list with the database (a new personal column that is not declared
   * here fails a test) and check that export and erase cover each entry.
   */
  personalColumns: PersonalColumn[]
  /** Datasets about the person: name → rows (flat JSON objects; become one CSV each in the zip). */
  export(
    subject: PersonalDataSubject,
    trx: TransactionClientContract
  ): Promise<Record<string, Record<string, unknown>[]>>
  /** Human-readable reasons erase must wait (e.g. "Unpaid balance of 120.00 EUR"). */
  eraseBlockers?(subject: PersonalDataSubject, trx: TransactionClientContract): Promise<string[]>
  /** Anonymise/unlink/delete this contributor's rows of the person. Runs in the erase transaction. */
  erase?(
    subject: PersonalDataSubject,
    trx: TransactionClientContract,
    placeholder: { name: string; email: string }
  ): Promise<void>
}

class PersonalDataRegistry {
  #contributors = new Map<string, PersonalDataContributor>()

  register(contributor: PersonalDataContributor) {
    this.#contributors.set(contributor.key, contributor)
    return this
  }

  all(): PersonalDataContributor[] {
    return [...this.#contributors.values()]
  }
}

const personalDataRegistry = new PersonalDataRegistry()
export default personalDataRegistry
