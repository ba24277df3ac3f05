import { fixtureCreators } from '#tests/contracts/fixtures'

/*
| Accounting resources of the contract organisation, made through the API so the
| cross-organisation walk hits real ids.
*/

// Ledger: an account of our own and a manual journal entry (plus the seeded chart).
fixtureCreators.push(async ({ core, api }) => {
  const { buildingId, ownerId } = core
  const account = await api('post', `/api/v1/buildings/${buildingId}/accounts`, {
    code: '619',
    name: 'Frais divers (contrat)',
  })
  if (account.status !== 201) throw new Error(`ledger fixture account: ${account.status}`)
  const entry = await api('post', `/api/v1/buildings/${buildingId}/journal-entries`, {
    date: '2026-02-01',
    journal: 'purchases',
    type: 'manual',
    description: 'Contract entry',
    lines: [
      { accountCode: '619', debit: '80.00' },
      { accountCode: '410', credit: '80.00', ownerId: ownerId ?? null },
    ],
  })
  if (entry.status !== 201) throw new Error(`ledger fixture entry: ${entry.status}`)
})

// Funds: a budget, a draft and a sent call for funds, a payment.
fixtureCreators.push(async ({ core, api }) => {
  const { buildingId, ownerId } = core
  await api('put', `/buildings/${buildingId}/funds-settings`, { iban: 'BE68539007547034' })
  await api('post', `/buildings/${buildingId}/budgets`, {
    fiscalYear: 2026,
    ordinaryAmount: 1200,
    extraordinaryAmount: 0,
  })
  const call = {
    title: 'Contract call',
    period: 'one_time',
    periodStart: '2026-01-01',
    dueDate: '2026-01-31',
    ordinaryAmount: 100,
    extraordinaryAmount: 0,
  }
  await api('post', `/buildings/${buildingId}/call-for-funds`, call)
  const sent = await api('post', `/buildings/${buildingId}/call-for-funds`, call)
  if (sent.status === 201) await api('put', `/call-for-funds/${sent.body.id}/send`)
  if (ownerId) {
    await api('post', `/buildings/${buildingId}/payments`, {
      ownerId,
      amount: 10,
      date: '2026-01-15',
      method: 'transfer',
    })
  }
})
