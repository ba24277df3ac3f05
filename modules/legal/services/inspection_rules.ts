import legalConfig, {
  INSPECTION_TYPES,
  regionOf,
  type InspectionType,
  type PeriodicityRule,
} from '#config/legal'
import { addMonths } from './working_days.js'

/*
| Legal periodicity of technical inspections (config/legal.ts): which rule applies to
| an inspection, and the default `validUntil` it gives. Pure, unit-tested.
*/
export interface PeriodicityContext {
  type: InspectionType
  postalCode?: string | null
  constructionYear?: number | null
  heatingFuel?: 'gas' | 'oil' | null
  heatingPowerKw?: number | null
}

export function periodicityRuleKey(ctx: PeriodicityContext): string {
  const cfg = legalConfig.inspections
  if (ctx.type === 'electrical') {
    return ctx.constructionYear && ctx.constructionYear < cfg.electricalOldBefore
      ? 'electrical_pre1981'
      : 'electrical'
  }
  if (ctx.type === 'heating') {
    if ((ctx.heatingPowerKw ?? 0) > cfg.heatingHighPowerKw) return 'heating_high_power'
    return ctx.heatingFuel === 'oil' ? 'heating_oil' : 'heating_gas'
  }
  return ctx.type
}

/** Months between two inspections for this context, null when none is configured. */
export function periodicityMonths(ctx: PeriodicityContext): number | null {
  const rules = legalConfig.inspections.periodicityMonths as Record<string, PeriodicityRule>
  const rule = rules[periodicityRuleKey(ctx)]
  if (!rule) return null
  const region = regionOf(ctx.postalCode)
  const own = rule[region]
  return own !== undefined ? own : rule.default
}

/** Default validity end of a certificate issued on `inspectionDate`. */
export function defaultValidUntil(inspectionDate: string, ctx: PeriodicityContext): string | null {
  const months = periodicityMonths(ctx)
  return months === null ? null : addMonths(inspectionDate, months)
}

export { INSPECTION_TYPES }
export type { InspectionType }
