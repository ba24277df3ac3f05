import { randomBytes, createHash } from 'node:crypto'
import { withTenant } from '#tenancy/tenant_context'
import legalConfig from '#config/legal'
import { seedMeetings } from '../../meetings/demo_meetings.js'
import { addMonths, addWorkingDays, todayInBrussels, addDays } from '../../services/working_days.js'

/*
| Demo data of the legal module: the registers of each building (a proceeding against a
| roofer, the fire policy, a water-damage claim, lift and cleaning contracts), technical
| inspections in every compliance state, a contractor linked to contractor@demo.vme with
| an assigned ticket reported by owner@demo.vme and a submitted work report, and two
| états datés in the queue (one due soon, one just requested by a notary).
*/
export default async function seedLegal(organisationId: string) {
  await withTenant(organisationId, async (trx) => {
    const ins = (table: string, row: Record<string, unknown>) =>
      trx
        .insertQuery()
        .table(table)
        .insert({ organisation_id: organisationId, ...row })
        .returning('*')
        .then((r: any[]) => r[0])
    const buildings = await trx
      .from('buildings')
      .where('organisation_id', organisationId)
      .orderBy('name')
    if (!buildings.length) return
    if (await trx.from('legal_etat_dates').where('organisation_id', organisationId).first()) return
    const today = todayInBrussels()
    const [main, second] = buildings

    for (const b of buildings) {
      const fire = await ins('legal_insurance_contracts', {
        building_id: b.id,
        insurer: 'AG Insurance',
        policy_number: `INC-${b.postal_code}-${String(b.id).slice(0, 4).toUpperCase()}`,
        cover: 'Incendie et périls connexes — valeur à neuf, RC immeuble',
        premium: '4210.50',
        start_date: '2022-01-01',
        renewal_date: `${Number(today.slice(0, 4)) + 1}-01-01`,
        broker: 'Bureau Dewaele',
      })
      await ins('legal_insurance_claims', {
        building_id: b.id,
        insurance_contract_id: fire.id,
        claim_date: addMonths(today, -14),
        description: 'Dégât des eaux — colonne montante cage B, 3e étage',
        amount: '6840.00',
        status: 'paid',
        reference: 'SIN-2025-0412',
      })
      await ins('legal_service_contracts', {
        building_id: b.id,
        supplier: 'Schindler SA',
        object: 'Entretien ascenseur (contrat complet)',
        start_date: '2021-04-01',
        notice_period_days: 90,
        amount: '2150.00',
        frequency: 'yearly',
      })
      await ins('legal_service_contracts', {
        building_id: b.id,
        supplier: 'Net & Clean SRL',
        object: 'Nettoyage des communs, 2 passages par semaine',
        start_date: '2023-09-01',
        notice_period_days: 30,
        amount: '410.00',
        frequency: 'monthly',
      })
      // Inspections: passed long ago (expired), due soon, OK, and types never done.
      const passed = (
        type: string,
        inspectionDate: string,
        validUntil: string,
        certificate: string
      ) =>
        ins('legal_technical_inspections', {
          building_id: b.id,
          type,
          status: 'passed',
          scheduled_date: inspectionDate,
          inspection_date: inspectionDate,
          completed_at: new Date(`${inspectionDate}T10:00:00Z`),
          valid_until: validUntil,
          certificate_number: certificate,
          inspector: JSON.stringify({
            name: 'Luc Martin',
            company: 'Vinçotte',
            accreditation: 'BELAC 030-INSP',
          }),
          defects: '[]',
        })
      await passed('elevator', addMonths(today, -11), addDays(today, 35), 'VC-ASC-2207')
      await passed('fire_safety', addMonths(today, -40), addMonths(today, -4), 'SIAMU-1180')
      await passed('electrical', '2019-05-14', '2044-05-14', 'AIB-EL-55120')
      await passed('peb', '2020-02-03', '2030-02-03', 'PEB-20200203-118')
      await ins('legal_technical_inspections', {
        building_id: b.id,
        type: 'fire_safety',
        status: 'scheduled',
        scheduled_date: addDays(today, 12),
        inspector: JSON.stringify({ name: 'Capt. Sophie Leroy', company: 'SIAMU Bruxelles' }),
        defects: '[]',
      })
    }

    const owner = await trx
      .from('owners')
      .join('unit_owners', 'unit_owners.owner_id', 'owners.id')
      .where('owners.organisation_id', organisationId)
      .select('owners.id')
      .first()
    await ins('legal_disputes', {
      building_id: main.id,
      kind: 'legal_proceeding',
      title: 'Infiltrations toiture — action contre l’entrepreneur Bati-Sud',
      description: 'Action en garantie décennale introduite sur décision de l’AG.',
      counterparty: 'Bati-Sud SRL',
      court: 'Tribunal de première instance francophone de Bruxelles',
      case_number: '25/1234/A',
      amount_claimed: '18500.00',
      status: 'open',
      opened_on: addMonths(today, -8),
    })
    await ins('legal_disputes', {
      building_id: main.id,
      kind: 'dispute',
      title: 'Charges impayées — plan d’apurement en cours',
      owner_id: owner?.id ?? null,
      amount_claimed: '2310.40',
      status: 'settled',
      opened_on: addMonths(today, -6),
      closed_on: addMonths(today, -2),
    })

    // Contractor linked to the demo contractor user; a ticket and a submitted report.
    const contractorUser = await trx.from('users').where('email', 'contractor@demo.vme').first()
    const contractor = await ins('legal_contractors', {
      name: 'Benali Plomberie SRL',
      contact_name: 'Ahmed Benali',
      email: 'contractor@demo.vme',
      phone: '+32 475 12 34 56',
      vat_number: 'BE0712345678',
      trade: 'plumbing',
      user_id: contractorUser?.id ?? null,
    })
    await ins('legal_contractors', {
      name: 'Toitures Dupont & Fils',
      contact_name: 'Marc Dupont',
      email: 'info@toitures-dupont.be',
      phone: '+32 2 512 44 10',
      trade: 'roof',
    })
    const reporter = await trx.from('users').where('email', 'owner@demo.vme').first()
    const unit = await trx
      .from('units')
      .where('organisation_id', organisationId)
      .where('building_id', main.id)
      .first()
    const ticket = await ins('legal_tickets', {
      building_id: main.id,
      unit_id: unit?.id ?? null,
      reporter_user_id: reporter?.id ?? null,
      title: 'Fuite sous l’évier de la buanderie commune',
      description: 'Une flaque se forme chaque matin sous l’évier de la buanderie au sous-sol.',
      category: 'plumbing',
      priority: 'high',
      status: 'in_progress',
      contractor_id: contractor.id,
      assigned_at: new Date(),
      started_at: new Date(),
    })
    await ins('legal_tickets', {
      building_id: main.id,
      reporter_user_id: reporter?.id ?? null,
      title: 'Éclairage du hall d’entrée en panne',
      description: 'Deux spots sur trois ne s’allument plus depuis lundi.',
      category: 'electrical',
      priority: 'normal',
      status: 'open',
    })
    await ins('legal_work_reports', {
      building_id: main.id,
      contractor_id: contractor.id,
      ticket_id: ticket.id,
      title: 'Remplacement du siphon et du flexible',
      description: 'Siphon fissuré remplacé, flexible d’alimentation changé, test d’étanchéité OK.',
      work_date: today,
      hours_worked: '1.50',
      materials: JSON.stringify([
        { name: 'Siphon PVC 40 mm', quantity: '1', unitPrice: '14.90', total: '14.90' },
        { name: 'Flexible inox 3/8"', quantity: '2', unitPrice: '7.35', total: '14.70' },
      ]),
      materials_total: '29.60',
      status: 'submitted',
      submitted_at: new Date(),
    })

    // Two états datés: one requested 11 working days ago (4 left), one from the notary page.
    const units = await trx.from('units').where('organisation_id', organisationId).limit(2)
    const earlier = (() => {
      let d = today
      for (
        let i = 0;
        i < 30 && addWorkingDays(d, legalConfig.etatDate.dueWorkingDays) > addWorkingDays(today, 4);
        i++
      )
        d = addDays(d, -1)
      return d
    })()
    await ins('legal_etat_dates', {
      building_id: main.id,
      unit_id: units[0].id,
      notary_name: 'Maître Anne Lambert',
      notary_email: 'anne.lambert@notaire-lambert.be',
      notary_office: 'Étude Lambert & Peeters',
      notary_locale: 'fr',
      sale_date: addMonths(today, 2),
      reference: 'VTE-2026-118',
      request_date: earlier,
      due_date: addWorkingDays(earlier, legalConfig.etatDate.dueWorkingDays),
    })
    const portalRequest = await ins('legal_etat_dates', {
      building_id: (units[1] ?? units[0]).building_id ?? second?.id ?? main.id,
      unit_id: (units[1] ?? units[0]).id,
      notary_name: 'Notaris Pieter Claes',
      notary_email: 'pieter.claes@notaris-claes.be',
      notary_office: 'Notariskantoor Claes',
      notary_locale: 'nl',
      source: 'notary_portal',
      request_date: today,
      due_date: addWorkingDays(today, legalConfig.etatDate.dueWorkingDays),
    })
    await ins('legal_notary_requests', {
      token_hash: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('hex'),
      status: 'queued',
      notary_name: 'Notaris Pieter Claes',
      office: 'Notariskantoor Claes',
      email: 'pieter.claes@notaris-claes.be',
      locale: 'nl',
      street: main.street,
      postal_code: main.postal_code,
      city: main.city,
      unit_number: (units[1] ?? units[0]).number,
      fee: '150.00',
      paid_at: new Date(),
      unit_id: (units[1] ?? units[0]).id,
      etat_date_id: portalRequest.id,
    })
    // The demo organisation charges 150 EUR to notaries.
    await trx
      .from('organisation_modules')
      .where('organisation_id', organisationId)
      .where('module_key', 'legal')
      .update({ settings: JSON.stringify({ notaryFee: '150.00' }) })
  })
  // General assemblies (issue 10): a held meeting with minutes and the next one.
  await seedMeetings(organisationId)
}
