// Placeholder until issue #3 lands its benchmark.
Console.Error.WriteLine("benchmark 'odoo' is not built yet (issue #3)");
return 2;
