import edge from 'edge.js'
import mail from '@adonisjs/mail/services/main'
import Organisation from '#models/organisation'
import { maybeTenant } from '#tenancy/tenant_context'
import { mailLocale, mailT } from '#services/mail_messages'
import type { AppLocale } from '#services/locale_service'

export interface TemplatedMail {
  to: string | { address: string; name?: string }
  /** `resources/views/emails/<template>.edge`; its subject is the message `<template>.subject`. */
  template: string
  locale?: string | null
  data?: Record<string, unknown>
  /** Branding source; defaults to the current tenant's organisation. */
  organisation?: Organisation | null
  /** Overrides the translated subject (e.g. a notification title). */
  subject?: string
}

export interface RenderedMail {
  subject: string
  html: string
  text: string
}

const DEFAULT_BRANDING = { displayName: 'VME', primaryColor: '#1d4ed8', logoUrl: null }

/** Plain-text alternative from the rendered HTML: links keep their URL, blocks become lines. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(style|script|head)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(
      /<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi,
      (_m, href: string, label: string) => {
        const text = label.replace(/<[^>]+>/g, '').trim()
        return text && text !== href ? `${text}: ${href}` : href
      }
    )
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|tr|table)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

async function resolveOrganisation(given?: Organisation | null): Promise<Organisation | null> {
  if (given) return given
  const tenant = maybeTenant()
  if (!tenant) return null
  return Organisation.find(tenant.organisationId, { client: tenant.trx })
}

/** Renders a template with the organisation's branding and the locale's strings. */
export async function renderTemplated(input: TemplatedMail): Promise<RenderedMail> {
  const organisation = await resolveOrganisation(input.organisation)
  const locale: AppLocale = mailLocale(input.locale ?? organisation?.locale)
  const branding = organisation?.branding ?? DEFAULT_BRANDING
  const data = input.data ?? {}
  const vars = { organisation: branding.displayName, ...data }
  const t = (key: string, extra: Record<string, unknown> = {}) =>
    mailT(locale, key, { ...vars, ...extra })
  const subject = input.subject ?? t(`${input.template}.subject`)
  const html = await edge.render(`emails/${input.template}`, {
    ...data,
    t,
    locale,
    subject,
    branding: {
      ...branding,
      // Only a #rrggbb colour reaches the CSS.
      primaryColor: /^#[0-9a-f]{6}$/i.test(branding.primaryColor)
        ? branding.primaryColor
        : '#1d4ed8',
    },
  })
  return { subject, html, text: htmlToText(html.replace(/^[\s\S]*<body[^>]*>/i, '')) }
}

/** Renders and sends one transactional e-mail (HTML + text alternative) over SMTP. */
export async function sendTemplated(input: TemplatedMail): Promise<RenderedMail> {
  const rendered = await renderTemplated(input)
  const to = typeof input.to === 'string' ? { address: input.to } : input.to
  await mail.send((message) => {
    message
      .to(to.address, to.name)
      .subject(rendered.subject)
      .html(rendered.html)
      .text(rendered.text)
  })
  return rendered
}
