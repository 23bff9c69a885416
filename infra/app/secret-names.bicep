metadata description = 'Names of the Key Vault secrets RetailSync reads (through Key Vault references in app settings).'

@export()
@description('Key Vault secret names by purpose: the Odoo API key and one webhook secret per channel.')
var secretNames = {
  odooApiKey: 'odoo-api-key'
  shopifyWebhookSecret: 'shopify-webhook-secret'
  stripeWebhookSecret: 'stripe-webhook-secret'
  loopWebhookSecret: 'loop-webhook-secret'
  warehouseWebhookSecret: 'warehouse-webhook-secret'
  posWebhookSecret: 'pos-webhook-secret'
}

@export()
@description('A Key Vault reference app setting value for the latest version of a secret.')
func keyVaultReference(vaultUri string, secretName string) string => '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName})'
