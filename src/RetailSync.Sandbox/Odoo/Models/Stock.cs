using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>
/// Stock rules shared by pickings, moves, quants and scraps: reservation against free quantity in the
/// source location, and quant updates when a move is done. A move remembers what it reserved in a
/// sandbox-private value so reservations are released exactly.
/// </summary>
internal static class Stock
{
    public const string ReservedKey = "__reserved";

    public static bool IsInternal(OdooEnv env, int? locationId) =>
        locationId is int id && env.Store.Find("stock.location", id)?.Str("usage") == "internal";

    public static OdooRecord Quant(OdooEnv env, int productId, int locationId)
    {
        var quant = env.Store.All("stock.quant").FirstOrDefault(q => q.Ref("product_id") == productId && q.Ref("location_id") == locationId);
        return quant ?? env.Store.Insert("stock.quant", new Dictionary<string, object?>
        {
            ["product_id"] = productId,
            ["location_id"] = locationId,
            ["quantity"] = 0m,
            ["reserved_quantity"] = 0m,
            ["inventory_quantity"] = 0m,
            ["inventory_quantity_set"] = false,
            ["create_date"] = env.Now,
            ["write_date"] = env.Now,
        });
    }

    public static decimal OnHand(OdooEnv env, IEnumerable<int> productIds)
    {
        var ids = productIds.ToHashSet();
        return env.Store.All("stock.quant")
            .Where(q => q.Ref("product_id") is int p && ids.Contains(p) && IsInternal(env, q.Ref("location_id")))
            .Sum(q => q.Num("quantity"));
    }

    public static decimal Free(OdooEnv env, int productId) =>
        env.Store.All("stock.quant")
            .Where(q => q.Ref("product_id") == productId && IsInternal(env, q.Ref("location_id")))
            .Sum(q => q.Num("quantity") - q.Num("reserved_quantity"));

    public static decimal Forecast(OdooEnv env, int productId)
    {
        var pending = env.Store.All("stock.move").Where(m => m.Ref("product_id") == productId && m.Str("state") is not ("done" or "cancel" or "draft"));
        var outgoing = pending.Where(m => IsInternal(env, m.Ref("location_id")) && !IsInternal(env, m.Ref("location_dest_id"))).Sum(m => m.Num("product_uom_qty"));
        var incoming = pending.Where(m => !IsInternal(env, m.Ref("location_id")) && IsInternal(env, m.Ref("location_dest_id"))).Sum(m => m.Num("product_uom_qty"));
        return OnHand(env, [productId]) - outgoing + incoming;
    }

    /// <summary>Free quantity of a product in a location (not counting what moves reserved).</summary>
    public static decimal Available(OdooEnv env, int productId, int locationId)
    {
        var quant = env.Store.All("stock.quant").FirstOrDefault(q => q.Ref("product_id") == productId && q.Ref("location_id") == locationId);
        return quant is null ? 0m : Math.Max(0m, quant.Num("quantity") - quant.Num("reserved_quantity"));
    }

    /// <summary>Reserves what is missing on a move (action_assign) and sets its state.</summary>
    public static void Reserve(OdooEnv env, OdooRecord move)
    {
        if (move.Str("state") is "done" or "cancel" or "draft")
        {
            return;
        }

        var demand = move.Num("product_uom_qty");
        var quantity = move.Num("quantity");
        var productId = move.Ref("product_id")!.Value;
        var source = move.Ref("location_id");
        var products = env.Model<ProductProductModel>("product.product");
        if (quantity < demand)
        {
            if (!products.IsStorable(productId) || !IsInternal(env, source))
            {
                env.Store.Set(move, "quantity", demand);
            }
            else
            {
                var take = Math.Min(Available(env, productId, source!.Value), demand - quantity);
                if (take > 0)
                {
                    var quant = Quant(env, productId, source.Value);
                    env.Store.Set(quant, "reserved_quantity", quant.Num("reserved_quantity") + take);
                    env.Store.Set(move, ReservedKey, Reserved(move) + take);
                    env.Store.Set(move, "quantity", quantity + take);
                }
            }
        }

        RefreshMoveState(env, move);
    }

    /// <summary>Releases a move's reservation down to <paramref name="keep"/>.</summary>
    public static void Unreserve(OdooEnv env, OdooRecord move, decimal keep = 0m)
    {
        var reserved = Reserved(move);
        if (reserved > keep && move.Ref("location_id") is int source)
        {
            var quant = Quant(env, move.Ref("product_id")!.Value, source);
            env.Store.Set(quant, "reserved_quantity", Math.Max(0m, quant.Num("reserved_quantity") - (reserved - keep)));
            env.Store.Set(move, ReservedKey, keep);
        }
    }

    public static decimal Reserved(OdooRecord move) => move.Raw(ReservedKey) as decimal? ?? 0m;

    /// <summary>Marks a move done with <paramref name="quantity"/>: releases its reservation and moves the quants.</summary>
    public static void Done(OdooEnv env, OdooRecord move, decimal quantity)
    {
        Unreserve(env, move);
        var productId = move.Ref("product_id")!.Value;
        if (env.Model<ProductProductModel>("product.product").IsStorable(productId))
        {
            if (IsInternal(env, move.Ref("location_id")))
            {
                var quant = Quant(env, productId, move.Ref("location_id")!.Value);
                env.Store.Set(quant, "quantity", quant.Num("quantity") - quantity);
            }

            if (IsInternal(env, move.Ref("location_dest_id")))
            {
                var quant = Quant(env, productId, move.Ref("location_dest_id")!.Value);
                env.Store.Set(quant, "quantity", quant.Num("quantity") + quantity);
            }
        }

        env.Store.Set(move, "quantity", quantity);
        env.Store.Set(move, "picked", true);
        env.Store.Set(move, "state", "done");
        env.Store.Set(move, "date", env.Now);
    }

    public static void Cancel(OdooEnv env, OdooRecord move)
    {
        if (move.Str("state") is "done" or "cancel")
        {
            return;
        }

        Unreserve(env, move);
        env.Store.Set(move, "quantity", 0m);
        env.Store.Set(move, "state", "cancel");
    }

    public static void RefreshMoveState(OdooEnv env, OdooRecord move)
    {
        if (move.Str("state") is "done" or "cancel" or "draft")
        {
            return;
        }

        var quantity = move.Num("quantity");
        var demand = move.Num("product_uom_qty");
        env.Store.Set(move, "state", quantity <= 0m ? "confirmed" : quantity < demand ? "partially_available" : "assigned");
    }

    public static IEnumerable<OdooRecord> Moves(OdooEnv env, int pickingId) =>
        env.Store.All("stock.move").Where(m => m.Ref("picking_id") == pickingId);

    public static void RefreshPickingState(OdooEnv env, OdooRecord picking)
    {
        var moves = Moves(env, picking.Id).ToList();
        string state;
        if (moves.Count == 0)
        {
            state = picking.Str("state") ?? "draft";
        }
        else if (moves.TrueForAll(m => m.Str("state") is "done" or "cancel"))
        {
            state = moves.Exists(m => m.Str("state") == "done") ? "done" : "cancel";
        }
        else if (moves.TrueForAll(m => m.Str("state") is "draft" or "cancel"))
        {
            state = "draft";
        }
        else if (picking.Str("move_type") == "one")
        {
            state = moves.Where(m => m.Str("state") != "cancel").All(m => m.Str("state") is "assigned" or "done") ? "assigned" : "confirmed";
        }
        else
        {
            state = moves.Exists(m => m.Str("state") is "assigned" or "partially_available") ? "assigned" : "confirmed";
        }

        env.Store.Set(picking, "state", state);
    }
}
