using System.Globalization;
using System.Text.Json.Nodes;
using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Protocol;

/// <summary>
/// The server side shared by both transports: credentials, model and method lookup (private and unknown
/// methods refused as Odoo refuses them), argument binding, and one transaction per call under one lock.
/// </summary>
internal sealed class OdooDispatcher(OdooEnv env, OdooSandboxOptions options)
{
    private readonly Lock _lock = new();

    public OdooEnv Env { get; } = env;

    public JsonObject Version()
    {
        var version = Env.Version;
        var build = version switch
        {
            17 => "20240709",
            18 => "20241106",
            _ => "20250918",
        };
        var serie = $"{version.ToString(CultureInfo.InvariantCulture)}.0";
        return new JsonObject
        {
            ["server_version"] = $"{serie}-{build}",
            ["server_version_info"] = new JsonArray(version, 0, 0, "final", 0, ""),
            ["server_serie"] = serie,
            ["protocol_version"] = 1,
        };
    }

    public object? Authenticate(string database, string login, string key)
    {
        CheckDatabase(database);
        return string.Equals(login, options.Login, StringComparison.Ordinal) && string.Equals(key, options.ApiKey, StringComparison.Ordinal)
            ? Env.Uid
            : false;
    }

    public void CheckDatabase(string database)
    {
        if (!string.Equals(database, options.Database, StringComparison.Ordinal))
        {
            throw new OdooException(
                "psycopg2.OperationalError",
                $"connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed: FATAL:  database \"{database}\" does not exist\n",
                500);
        }
    }

    /// <summary><c>object.execute_kw</c>: db, uid, password, model, method, args, kwargs.</summary>
    public object? ExecuteKw(JsonArray args)
    {
        if (args.Count < 5)
        {
            throw OdooException.TypeError($"execute_kw() missing {(5 - args.Count).ToString(CultureInfo.InvariantCulture)} required positional argument(s)");
        }

        var database = ValueCodec.Text(args[0]);
        CheckDatabase(database);
        var uid = args[1] is JsonValue u && u.TryGetValue<int>(out var parsed) ? parsed : -1;
        if (uid != Env.Uid || !string.Equals(ValueCodec.Text(args[2]), options.ApiKey, StringComparison.Ordinal))
        {
            throw OdooException.AccessDenied();
        }

        var modelName = ValueCodec.Text(args[3]);
        var methodName = ValueCodec.Text(args[4]);
        var positional = args.Count > 5 && args[5] is JsonArray a ? a : [];
        var kwargs = args.Count > 6 && args[6] is JsonObject k ? k : [];
        var model = Env.Models.GetValueOrDefault(modelName) ?? throw OdooException.UserError($"Object {modelName} doesn't exist");
        var spec = Lookup(model, methodName, json2: false);

        var named = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        JsonObject? context = null;
        foreach (var (key, value) in kwargs)
        {
            if (key == "context")
            {
                context = value as JsonObject;
                continue;
            }

            if (!spec.Parameters.Contains(key))
            {
                throw OdooException.TypeError($"{spec.Name}() got an unexpected keyword argument {Py.Quote(key)}");
            }

            named[key] = value?.DeepClone();
        }

        IReadOnlyList<int> ids = [];
        var offset = 0;
        if (spec.OnRecords)
        {
            if (positional.Count == 0)
            {
                throw OdooException.TypeError($"{spec.Name}() missing 1 required positional argument: 'self'");
            }

            ids = ValueCodec.IdList(positional[0]);
            offset = 1;
        }

        if (positional.Count - offset > spec.Parameters.Count)
        {
            throw OdooException.TypeError(
                $"{spec.Name}() takes {(spec.Parameters.Count + 1).ToString(CultureInfo.InvariantCulture)} positional arguments but {(positional.Count - offset + 1).ToString(CultureInfo.InvariantCulture)} were given");
        }

        for (var i = offset; i < positional.Count; i++)
        {
            var name = spec.Parameters[i - offset];
            if (named.ContainsKey(name))
            {
                throw OdooException.TypeError($"{spec.Name}() got multiple values for argument {Py.Quote(name)}");
            }

            named[name] = positional[i]?.DeepClone();
        }

        foreach (var required in spec.RequiredParameters.Where(r => !named.ContainsKey(r)))
        {
            throw OdooException.TypeError($"{spec.Name}() missing 1 required positional argument: {Py.Quote(required)}");
        }

        return Run(model, spec, ids, named, new CallContext(Env, context?.DeepClone() as JsonObject));
    }

    /// <summary>JSON-2: <c>POST /json/2/&lt;model&gt;/&lt;method&gt;</c> with a JSON object of named arguments.</summary>
    public object? ExecuteJson2(string? database, string? bearer, string modelName, string methodName, JsonObject body)
    {
        if (bearer is null || !string.Equals(bearer, options.ApiKey, StringComparison.Ordinal))
        {
            throw OdooException.Unauthorized("Invalid apikey");
        }

        if (database is not null && !string.Equals(database, options.Database, StringComparison.Ordinal))
        {
            throw OdooException.NotFound($"database {Py.Quote(database)} not found");
        }

        var model = Env.Models.GetValueOrDefault(modelName) ?? throw OdooException.NotFound($"the model {Py.Quote(modelName)} does not exist");
        MethodSpec spec;
        try
        {
            spec = Lookup(model, methodName, json2: true);
        }
        catch (OdooException e) when (e.Name == "builtins.AttributeError")
        {
            throw OdooException.NotFound(e.Message);
        }

        IReadOnlyList<int> ids = ValueCodec.IdList(body["ids"]);
        if (!spec.OnRecords && ids.Count > 0)
        {
            throw OdooException.UnprocessableEntity($"cannot call {modelName}.{methodName} with ids");
        }

        var named = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in body)
        {
            if (key is "ids" or "context")
            {
                continue;
            }

            if (!spec.Parameters.Contains(key))
            {
                throw OdooException.UnprocessableEntity($"got an unexpected keyword argument {Py.Quote(key)}");
            }

            named[key] = value?.DeepClone();
        }

        foreach (var required in spec.RequiredParameters.Where(r => !named.ContainsKey(r)))
        {
            throw OdooException.UnprocessableEntity($"missing a required argument: {Py.Quote(required)}");
        }

        return Run(model, spec, ids, named, new CallContext(Env, body["context"]?.DeepClone() as JsonObject, json2: true));
    }

    /// <summary>Runs a read-only function under the lock (the inspector's view).</summary>
    public T Read<T>(Func<OdooEnv, T> read)
    {
        lock (_lock)
        {
            return read(Env);
        }
    }

    private MethodSpec Lookup(OdooModel model, string method, bool json2)
    {
        if (method.StartsWith('_'))
        {
            throw OdooException.AccessError(Env.Version >= 18
                ? $"Private methods (such as '{model.Name}.{method}') cannot be called remotely."
                : $"Private methods (such as {method}) cannot be called remotely.");
        }

        return model.FindMethod(method) ?? throw OdooException.AttributeError(Env.Version >= 18 || json2
            ? $"The method '{model.Name}.{method}' does not exist"
            : $"type object {Py.Quote(model.Name)} has no attribute {Py.Quote(method)}");
    }

    private object? Run(OdooModel model, MethodSpec spec, IReadOnlyList<int> ids, Dictionary<string, JsonNode?> named, CallContext ctx)
    {
        lock (_lock)
        {
            Env.Store.Begin();
            try
            {
                var result = spec.Invoke(new MethodCall(model, ids, named, ctx));
                Env.Store.Commit();
                return result;
            }
            catch
            {
                Env.Store.Rollback();
                throw;
            }
        }
    }
}
