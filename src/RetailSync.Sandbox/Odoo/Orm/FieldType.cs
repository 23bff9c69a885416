namespace RetailSync.Sandbox.Odoo.Orm;

/// <summary>The Odoo field types the sandbox models use.</summary>
internal enum FieldType
{
    Char,
    Text,
    Html,
    Boolean,
    Integer,
    Float,
    Monetary,
    Selection,
    Many2One,
    One2Many,
    Many2Many,
    Date,
    Datetime,
}
