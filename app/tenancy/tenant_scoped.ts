import type { NormalizeConstructor } from '@adonisjs/core/types/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type {
  ModelQueryBuilderContract,
  LucidModel,
  ModelAdapterOptions,
} from '@adonisjs/lucid/types/model'
import { currentTenant } from '#tenancy/tenant_context'
import { Exception } from '@adonisjs/core/exceptions'

/**
 * Mixin for models of tenant tables. Every query runs on the tenant transaction and is
 * filtered on organisation_id (on top of RLS); new rows get the tenant's id; changing
 * organisation_id is refused. Without a tenant context it throws MissingTenantContext.
 */
export function TenantScoped<T extends NormalizeConstructor<typeof BaseModel>>(superclass: T) {
  class TenantScopedModel extends superclass {
    @column()
    declare organisationId: string

    static query<Model extends LucidModel>(
      this: Model,
      options?: ModelAdapterOptions
    ): ModelQueryBuilderContract<Model> {
      const tenant = currentTenant()
      const query = (superclass as unknown as LucidModel).query.call(this, {
        ...options,
        client: options?.client ?? tenant.trx,
      })
      return query.where(
        `${this.table}.organisation_id`,
        tenant.organisationId
      ) as ModelQueryBuilderContract<Model>
    }

    static boot() {
      if (Object.prototype.hasOwnProperty.call(this, 'booted') && (this as any).booted) return
      super.boot()
      this.before('save', (model: TenantScopedModel) => {
        const tenant = currentTenant()
        if (!model.$isPersisted) {
          model.organisationId = model.organisationId ?? tenant.organisationId
        } else if ('organisationId' in model.$dirty) {
          throw new Exception('organisation_id of a tenant row cannot change', { status: 500 })
        }
        if (model.organisationId !== tenant.organisationId) {
          throw new Exception('Row belongs to another organisation than the current tenant', {
            status: 500,
          })
        }
        if (!model.$trx) model.useTransaction(tenant.trx)
      })
      this.before('delete', (model: TenantScopedModel) => {
        if (!model.$trx) model.useTransaction(currentTenant().trx)
      })
    }
  }
  return TenantScopedModel
}
