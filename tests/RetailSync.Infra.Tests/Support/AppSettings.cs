namespace RetailSync.Infra.Tests.Support;

/// <summary>The Function App's app settings as compiled (name to ARM expression or literal).</summary>
public static class AppSettings
{
    public static IReadOnlyDictionary<string, string> FromTemplate(ArmTemplate template)
    {
        var module = template.Module("function-app");
        return module.Properties["parameters"]!["appSettings"]!["value"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
    }

    /// <summary>The body of the keyVaultReference() user-defined function the settings call.</summary>
    public static string KeyVaultReferenceFunction(ArmTemplate template)
    {
        var api = template.Module("api");
        var functions = api.Properties["template"]!["functions"]!.AsArray();
        var member = functions.Select(f => f!["members"]?["keyVaultReference"]).Single(m => m is not null);
        return member!["output"]!["value"]!.GetValue<string>();
    }
}
