/** The organisation's branding as the public notary pages receive it. */
export interface NotaryBrand {
  name: string
  primaryColor: string
  logoUrl: string | null
  contactEmail: string | null
  contactPhone: string | null
}
