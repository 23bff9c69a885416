namespace RetailSync.Odoo.Tests.Sandbox;

/// <summary>The Odoo versions every business operation is tested against.</summary>
public static class Versions
{
    public static TheoryData<int> All => new() { 17, 18, 19 };
}
