using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Models;

/// <summary>res.country: name and ISO code, seeded with a handful of countries.</summary>
internal sealed class ResCountryModel : OdooModel
{
    public ResCountryModel(OdooEnv env)
        : base(env, "res.country", "Country")
    {
        Add("name", FieldType.Char, required: true, label: "Country Name");
        Add("code", FieldType.Char, label: "Country Code");
    }

    protected override string DefaultOrder => "name";
}
