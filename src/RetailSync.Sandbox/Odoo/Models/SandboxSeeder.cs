using System.Text.Json.Nodes;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>
/// Seeds a fresh-database look: the company partner, countries, 15% taxes, warehouse WH with WH/Stock as
/// location 8 plus quarantine, vendor-return and scrap locations, receipt and delivery types, journals,
/// and the configured products with their on-hand stock.
/// </summary>
internal static class SandboxSeeder
{
    public const int StockLocationId = 8;

    public static void Seed(OdooEnv env, OdooSandboxOptions options)
    {
        var ctx = new CallContext(env, null);
        void Create(string model, JsonObject vals) => env.Model(model).CreateOne(vals, ctx);

        foreach (var (code, name) in new[] { ("US", "United States"), ("CA", "Canada"), ("GB", "United Kingdom"), ("DE", "Germany"), ("FR", "France"), ("NL", "Netherlands"), ("AU", "Australia"), ("NZ", "New Zealand") })
        {
            Create("res.country", new JsonObject { ["name"] = name, ["code"] = code });
        }

        Create("res.partner", new JsonObject { ["name"] = "YourCompany", ["is_company"] = true, ["country_id"] = 1 });
        Create("res.partner", new JsonObject { ["name"] = "OdooBot", ["email"] = "odoobot@example.com" });
        Create("res.partner", new JsonObject { ["name"] = "Administrator", ["email"] = "admin@yourcompany.example.com", ["parent_id"] = 1 });

        Create("account.tax", new JsonObject { ["name"] = "15%", ["amount"] = 15, ["type_tax_use"] = "sale", ["description"] = "15%" });
        Create("account.tax", new JsonObject { ["name"] = "15%", ["amount"] = 15, ["type_tax_use"] = "purchase", ["description"] = "15%" });

        JsonObject Location(string name, string usage, int? parent, bool scrap = false, bool returns = false) => new()
        {
            ["name"] = name,
            ["usage"] = usage,
            ["location_id"] = parent,
            ["scrap_location"] = scrap,
            ["return_location"] = returns,
        };
        Create("stock.location", Location("Physical Locations", "view", null));
        Create("stock.location", Location("Partners", "view", null));
        Create("stock.location", Location("Virtual Locations", "view", null));
        Create("stock.location", Location("Vendors", "supplier", 2));
        Create("stock.location", Location("Customers", "customer", 2));
        Create("stock.location", Location("Inventory adjustment", "inventory", 3));
        Create("stock.location", Location("WH", "view", 1));
        Create("stock.location", Location("Stock", "internal", 7));
        Create("stock.location", Location("Scrap", "inventory", 3, scrap: true));
        Create("stock.location", Location("Quarantine", "internal", 7, returns: true));
        Create("stock.location", Location("Vendor Returns", "internal", 7, returns: true));

        Create("stock.warehouse", new JsonObject { ["name"] = "YourCompany", ["code"] = "WH", ["view_location_id"] = 7, ["lot_stock_id"] = StockLocationId });
        Create("stock.picking.type", new JsonObject
        {
            ["name"] = "Receipts", ["code"] = "incoming", ["sequence_code"] = "IN", ["warehouse_id"] = 1,
            ["default_location_src_id"] = 4, ["default_location_dest_id"] = StockLocationId,
        });
        Create("stock.picking.type", new JsonObject
        {
            ["name"] = "Delivery Orders", ["code"] = "outgoing", ["sequence_code"] = "OUT", ["warehouse_id"] = 1,
            ["default_location_src_id"] = StockLocationId, ["default_location_dest_id"] = 5, ["return_picking_type_id"] = 1,
        });
        var warehouse = env.Get("stock.warehouse", 1);
        env.Store.Set(warehouse, "in_type_id", 1);
        env.Store.Set(warehouse, "out_type_id", 2);

        if (env.Models.ContainsKey("account.journal"))
        {
            foreach (var (name, code, type) in new[]
            {
                ("Customer Invoices", "INV", "sale"), ("Vendor Bills", "BILL", "purchase"), ("Miscellaneous Operations", "MISC", "general"),
                ("Exchange Difference", "EXCH", "general"), ("Bank", "BNK1", "bank"), ("Cash", "CSH1", "cash"),
                ("Stripe", "STRP", "bank"), ("Shopify Payments", "SHOP", "bank"),
            })
            {
                Create("account.journal", new JsonObject { ["name"] = name, ["code"] = code, ["type"] = type });
            }
        }

        var products = env.Model<ProductProductModel>("product.product");
        foreach (var product in options.Products)
        {
            var vals = new JsonObject
            {
                ["name"] = product.Name,
                ["default_code"] = product.Sku,
                ["list_price"] = ValueCodec.ToDouble(product.ListPrice),
                ["invoice_policy"] = product.InvoicePolicy,
            };
            if (product.Service)
            {
                vals["type"] = "service";
            }
            else if (product.Storable)
            {
                if (env.Version == 17)
                {
                    vals["type"] = "product";
                }
                else
                {
                    vals["type"] = "consu";
                    vals["is_storable"] = true;
                }
            }

            var created = products.CreateOne(vals, ctx);
            if (product.OnHand != 0m && products.IsStorable(created.Id))
            {
                var quant = Stock.Quant(env, created.Id, StockLocationId);
                env.Store.Set(quant, "quantity", product.OnHand);
            }
        }
    }
}
