using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>Registers every sandbox model in an environment.</summary>
internal static class OdooModels
{
    public static void Register(OdooEnv env)
    {
        OdooModel[] models =
        [
            new ResCountryModel(env),
            new ResPartnerModel(env),
            new AccountTaxModel(env),
            new ProductTemplateModel(env),
            new ProductProductModel(env),
            new StockLocationModel(env),
            new StockWarehouseModel(env),
            new StockPickingTypeModel(env),
            new StockQuantModel(env),
            new StockMoveModel(env),
            new StockPickingModel(env),
            new StockBackorderConfirmationModel(env),
            new SaleOrderModel(env),
            new SaleOrderLineModel(env),
            new SaleOrderCancelModel(env),
            new AccountJournalModel(env),
            new AccountMoveModel(env),
            new AccountMoveLineModel(env),
            new AccountPaymentModel(env),
            new AccountPaymentRegisterModel(env),
            new SaleAdvancePaymentInvModel(env),
            new AccountMoveReversalModel(env),
            new StockReturnPickingModel(env),
            new StockReturnPickingLineModel(env),
            new StockScrapModel(env),
            new StockWarnInsufficientQtyScrapModel(env),
        ];
        foreach (var model in models)
        {
            env.Register(model);
        }
    }
}
