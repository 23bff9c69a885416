metadata description = 'Names of the Key Vault secrets RetailSync reads.'

@export()
@description('''Key Vault secret names by purpose. The Odoo and Stripe API keys reach the app as Key Vault references (Odoo__ApiKey, Payments__Stripe__ApiKey); the
webhook signing secrets are read by the app itself from the vault (KeyVault__Uri) under the configuration-path
convention of KeyVaultSecretStore (":" becomes "--"): Webhooks:Stripe:Secrets is Webhooks--Stripe--Secrets. Shopify
secrets are per shop (Webhooks--Shopify--Shops--acme-myshopify-com--Secrets) and are set per shop, not here.''')
var secretNames = {
  odooApiKey: 'odoo-api-key'
  stripeApiKey: 'stripe-api-key'
  stripeWebhookSecrets: 'Webhooks--Stripe--Secrets'
  loopWebhookSecrets: 'Webhooks--Loop--Secrets'
  warehouseWebhookSecrets: 'Webhooks--Warehouse--Secrets'
  posWebhookSecrets: 'Webhooks--Pos--Secrets'
}

@export()
@description('A Key Vault reference app setting value for the latest version of a secret.')
func keyVaultReference(vaultUri string, secretName string) string => '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName})'
