using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RetailSync.Sandbox.Odoo.Orm;

/// <summary>
/// A sandbox model: its fields and public methods. The generic ORM methods (search, search_read, read,
/// search_count, create, write, unlink, fields_get, name_search, default_get) live here; subclasses add
/// business methods and hooks. Every call runs under the sandbox lock.
/// </summary>
internal abstract class OdooModel
{
    private readonly Dictionary<string, FieldDef> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MethodSpec> _methods = new(StringComparer.Ordinal);

    protected OdooModel(OdooEnv env, string name, string description)
    {
        Env = env;
        Name = name;
        Description = description;
        Add("id", FieldType.Integer, label: "ID", readOnly: true);
        Add("display_name", FieldType.Char, label: "Display Name", compute: DisplayName);
        Add("create_date", FieldType.Datetime, label: "Created on", readOnly: true);
        Add("write_date", FieldType.Datetime, label: "Last Updated on", readOnly: true);

        Method("search", false, ["domain", "offset", "limit", "order"], SearchMethod, required: ["domain"]);
        Method("search_read", false, ["domain", "fields", "offset", "limit", "order"], SearchReadMethod);
        Method("search_count", false, ["domain", "limit"], c => Search(c.Arg("domain"), c.Ctx).Count, required: ["domain"]);
        Method("read", true, ["fields", "load"], ReadMethod);
        Method("create", false, ["vals_list"], CreateMethod, required: ["vals_list"]);
        Method("write", true, ["vals"], c => { Write(c.Records(), AsObject(c.Arg("vals")), c.Ctx); return true; }, required: ["vals"]);
        Method("unlink", true, [], c => { Unlink(c.Records(), c.Ctx); return true; });
        Method("fields_get", false, ["allfields", "attributes"], FieldsGetMethod);
        Method(
            "name_search",
            false,
            [
                "name",
                env.Version >= 18 ? "domain" : "args",
                "operator",
                "limit",
            ],
            NameSearchMethod);
        Method("default_get", false, ["fields_list"], DefaultGetMethod, required: ["fields_list"]);
    }

    public OdooEnv Env { get; }

    public string Name { get; }

    public string Description { get; }

    public IReadOnlyDictionary<string, FieldDef> Fields => _fields;

    /// <summary>The many2one that forms the hierarchy used by child_of / parent_of.</summary>
    public virtual string? ParentField => null;

    /// <summary>Default ordering (Odoo's <c>_order</c>).</summary>
    protected virtual string DefaultOrder => "id";

    public MethodSpec? FindMethod(string name) => _methods.GetValueOrDefault(name);

    public FieldDef Field(string name) =>
        _fields.TryGetValue(name, out var field) ? field : throw InvalidField(name);

    public OdooException InvalidField(string name) =>
        OdooException.ValueError($"Invalid field {Py.Quote(name)} on model {Py.Quote(Name)}");

    public virtual string DisplayName(OdooRecord record) =>
        _fields.ContainsKey("name") ? GetValue(record, "name") as string ?? "" : $"{Name},{record.Id.ToString(CultureInfo.InvariantCulture)}";

    public object? GetValue(OdooRecord record, string name)
    {
        if (name == "id")
        {
            return record.Id;
        }

        var field = Field(name);
        if (field.Compute is not null)
        {
            return field.Compute(record);
        }

        if (field.DelegateVia is not null)
        {
            var parentId = record.Ref(field.DelegateVia);
            var parentModel = Env.Model(Field(field.DelegateVia).Comodel!);
            var parent = parentId is int p ? Env.Store.Find(parentModel.Name, p) : null;
            return parent is null ? null : parentModel.GetValue(parent, name);
        }

        if (field.Type == FieldType.One2Many)
        {
            return Children(record, field).Select(c => c.Id).ToList();
        }

        var raw = record.Raw(name);
        return raw is null && field.Type == FieldType.Boolean ? false : raw;
    }

    public IEnumerable<OdooRecord> Children(OdooRecord record, FieldDef field)
    {
        var comodel = Env.Model(field.Comodel!);
        return Env.Store.All(comodel.Name).Where(c => c.Ref(field.Inverse!) == record.Id);
    }

    public void ResolvePath(string path)
    {
        OdooModel model = this;
        foreach (var part in path.Split('.'))
        {
            var field = model.Field(part);
            if (field.IsRelational)
            {
                model = Env.Model(field.Comodel!);
            }
        }
    }

    public IEnumerable<(FieldDef Field, object? Value)> ValuesAt(OdooRecord record, string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            if (path == "id")
            {
                yield return (Field("id"), record.Id);
                yield break;
            }

            yield return (Field(path), GetValue(record, path));
            yield break;
        }

        var head = Field(path[..dot]);
        var comodel = Env.Model(head.Comodel ?? throw InvalidField(path));
        var value = GetValue(record, head.Name);
        var ids = value is int one ? [one] : value as IReadOnlyList<int> ?? [];
        var any = false;
        foreach (var id in ids)
        {
            if (Env.Store.Find(comodel.Name, id) is { } target)
            {
                foreach (var item in comodel.ValuesAt(target, path[(dot + 1)..]))
                {
                    any = true;
                    yield return item;
                }
            }
        }

        if (!any)
        {
            var last = path[(path.LastIndexOf('.') + 1)..];
            comodel.ResolvePath(path[(dot + 1)..]);
            var lastModel = comodel;
            foreach (var part in path[(dot + 1)..].Split('.')[..^1])
            {
                lastModel = Env.Model(lastModel.Field(part).Comodel!);
            }

            yield return (lastModel.Field(last), null);
        }
    }

    public List<OdooRecord> Search(JsonNode? domain, CallContext ctx, int offset = 0, int? limit = null, string? order = null)
    {
        var predicate = Domain.Compile(this, domain);
        var activeTest = _fields.ContainsKey("active") && !Domain.Mentions(domain, "active")
            && !(ctx.Context["active_test"] is JsonValue v && v.GetValueKind() == JsonValueKind.False);
        IEnumerable<OdooRecord> rows = Env.Store.All(Name).Where(r => (!activeTest || GetValue(r, "active") is true) && predicate(r));
        rows = Sort(rows, string.IsNullOrWhiteSpace(order) ? DefaultOrder : order);
        rows = rows.Skip(offset);
        if (limit is int l)
        {
            rows = rows.Take(l);
        }

        return rows.ToList();
    }

    public JsonObject ReadRecord(OdooRecord record, IReadOnlyList<string>? fields, bool classic = true)
    {
        var result = new JsonObject { ["id"] = record.Id };
        foreach (var name in fields is { Count: > 0 } ? fields : (IEnumerable<string>)_fields.Keys)
        {
            if (name == "id")
            {
                continue;
            }

            result[name] = ValueCodec.ToJson(Field(name), GetValue(record, name), Env, classic);
        }

        return result;
    }

    public OdooRecord CreateOne(JsonObject input, CallContext ctx)
    {
        var vals = (JsonObject)input.DeepClone();
        CheckFieldNames(vals);
        foreach (var (key, value) in ctx.Context)
        {
            if (key.StartsWith("default_", StringComparison.Ordinal) && _fields.ContainsKey(key[8..]) && !vals.ContainsKey(key[8..]))
            {
                vals[key[8..]] = value?.DeepClone();
            }
        }

        if (FindExisting(vals, ctx) is { } existing)
        {
            return existing;
        }

        BeforeCreate(vals, ctx);
        CreateDelegates(vals, ctx);

        var stored = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in _fields.Values.Where(f => f.IsStored && f.Name != "id"))
        {
            if (vals.TryGetPropertyValue(field.Name, out var node))
            {
                if (field.Type != FieldType.Many2Many)
                {
                    stored[field.Name] = ValueCodec.FromJson(field, node);
                }
            }
            else if (field.Default is not null)
            {
                stored[field.Name] = field.Default(ctx);
            }
        }

        stored["create_date"] = Env.Now;
        stored["write_date"] = Env.Now;
        foreach (var field in _fields.Values.Where(f => f.IsStored))
        {
            CheckStoredValue(field, stored.GetValueOrDefault(field.Name));
        }

        var record = Env.Store.Insert(Name, stored);
        foreach (var field in _fields.Values.Where(f => f.IsX2Many && f.Compute is null && f.DelegateVia is null))
        {
            if (vals.TryGetPropertyValue(field.Name, out var commands))
            {
                ApplyX2Many(record, field, commands, ctx);
            }
            else if (field.Type == FieldType.Many2Many && field.Default is not null)
            {
                Env.Store.Set(record, field.Name, field.Default(ctx));
            }
        }

        AfterCreate(record, vals, ctx);
        return record;
    }

    public void Write(IReadOnlyList<OdooRecord> records, JsonObject input, CallContext ctx)
    {
        var vals = (JsonObject)input.DeepClone();
        CheckFieldNames(vals);
        BeforeWrite(records, vals, ctx);
        foreach (var record in records)
        {
            var delegated = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            foreach (var (key, node) in vals)
            {
                var field = Field(key);
                if (field.DelegateVia is not null)
                {
                    if (!delegated.TryGetValue(field.DelegateVia, out var parentVals))
                    {
                        parentVals = [];
                        delegated[field.DelegateVia] = parentVals;
                    }

                    parentVals[key] = node?.DeepClone();
                }
                else if (field.IsX2Many && field.Compute is null)
                {
                    ApplyX2Many(record, field, node, ctx);
                }
                else if (field.IsStored && key != "id")
                {
                    var value = ValueCodec.FromJson(field, node);
                    CheckStoredValue(field, value);
                    Env.Store.Set(record, key, value);
                }
            }

            foreach (var (via, parentVals) in delegated)
            {
                if (record.Ref(via) is int parentId)
                {
                    var parentModel = Env.Model(Field(via).Comodel!);
                    parentModel.Write([Env.Get(parentModel.Name, parentId)], parentVals, ctx);
                }
            }

            Env.Store.Set(record, "write_date", Env.Now);
        }

        AfterWrite(records, vals, ctx);
    }

    public void Unlink(IReadOnlyList<OdooRecord> records, CallContext ctx)
    {
        BeforeUnlink(records, ctx);
        foreach (var record in records)
        {
            foreach (var field in _fields.Values.Where(f => f.Type == FieldType.One2Many && f.Compute is null))
            {
                var comodel = Env.Model(field.Comodel!);
                var children = Children(record, field).ToList();
                if (children.Count > 0)
                {
                    comodel.Unlink(children, ctx);
                }
            }

            Env.Store.Delete(record);
        }
    }

    public IEnumerable<KeyValuePair<string, object?>> Defaults(CallContext ctx, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            var field = Field(name);
            if (field.Default is not null)
            {
                var value = field.Default(ctx);
                yield return KeyValuePair.Create(name, (object?)ValueCodec.ToJson(field, value, Env, classic: false));
            }
        }
    }

    protected static JsonObject AsObject(JsonNode? node) =>
        node as JsonObject ?? throw OdooException.ValueError($"Expected a dictionary of values, got {node?.ToJsonString() ?? "None"}");

    protected internal FieldDef Add(
        string name,
        FieldType type,
        string? comodel = null,
        string? inverse = null,
        IReadOnlyList<string>? selection = null,
        Func<OdooRecord, object?>? compute = null,
        Func<CallContext, object?>? @default = null,
        string? delegateVia = null,
        bool required = false,
        bool readOnly = false,
        string? owner = null,
        string? label = null)
    {
        var field = new FieldDef
        {
            Name = name,
            Type = type,
            OwnerModel = owner ?? Name,
            Label = label ?? Labelize(name),
            Comodel = comodel,
            Inverse = inverse,
            Selection = selection,
            Compute = compute,
            Default = @default,
            DelegateVia = delegateVia,
            Required = required,
            Readonly = readOnly || compute is not null,
        };
        _fields[name] = field;
        return field;
    }

    protected void Method(string name, bool onRecords, IReadOnlyList<string> parameters, Func<MethodCall, object?> invoke, IReadOnlyList<string>? required = null) =>
        _methods[name] = new MethodSpec(name, onRecords, parameters, invoke)
        {
            RequiredParameters = new HashSet<string>(required ?? [], StringComparer.Ordinal),
        };

    /// <summary>A button method: runs on records, takes no parameters.</summary>
    protected void Button(string name, Func<MethodCall, object?> invoke) => Method(name, true, [], invoke);

    protected virtual void BeforeCreate(JsonObject vals, CallContext ctx)
    {
    }

    /// <summary>Lets a model answer a create with a record it already has (stock.quant in inventory mode).</summary>
    protected virtual OdooRecord? FindExisting(JsonObject vals, CallContext ctx) => null;

    protected virtual void AfterCreate(OdooRecord record, JsonObject vals, CallContext ctx)
    {
    }

    protected virtual void BeforeWrite(IReadOnlyList<OdooRecord> records, JsonObject vals, CallContext ctx)
    {
    }

    protected virtual void AfterWrite(IReadOnlyList<OdooRecord> records, JsonObject vals, CallContext ctx)
    {
    }

    protected virtual void BeforeUnlink(IReadOnlyList<OdooRecord> records, CallContext ctx)
    {
    }

    private static string Labelize(string name)
    {
        var words = name.Replace("_ids", "", StringComparison.Ordinal).Replace("_id", "", StringComparison.Ordinal).Split('_', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }

    private void CheckFieldNames(JsonObject vals)
    {
        foreach (var (key, _) in vals)
        {
            if (!_fields.ContainsKey(key))
            {
                throw InvalidField(key);
            }
        }
    }

    private void CheckStoredValue(FieldDef field, object? value)
    {
        if (field.Required && (value is null || (value is string s && s.Length == 0 && field.Type != FieldType.Char)))
        {
            throw OdooException.ValidationError(
                "The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n"
                + "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
                + $"Model: {Description} ({Name})\nField: {field.Label} ({field.Name})");
        }

        if (field.Type == FieldType.Many2One && value is int id && Env.Store.Find(field.Comodel!, id) is null)
        {
            throw OdooException.ValidationError(
                "The operation cannot be completed: another model requires the record being deleted. If possible, archive it instead.\n\n"
                + $"Model: {Description} ({Name})\nConstraint: {Name.Replace('.', '_')}_{field.Name}_fkey");
        }
    }

    private void CreateDelegates(JsonObject vals, CallContext ctx)
    {
        foreach (var group in _fields.Values.Where(f => f.DelegateVia is not null).GroupBy(f => f.DelegateVia!))
        {
            var parentVals = new JsonObject();
            foreach (var field in group)
            {
                if (vals.Remove(field.Name, out var node))
                {
                    parentVals[field.Name] = node;
                }
            }

            var parentModel = Env.Model(Field(group.Key).Comodel!);
            if (vals[group.Key] is JsonNode parentNode && !ValueCodec.IsFalse(parentNode))
            {
                if (parentVals.Count > 0)
                {
                    parentModel.Write([Env.Get(parentModel.Name, (int)ValueCodec.Number(parentNode))], parentVals, ctx);
                }
            }
            else
            {
                vals[group.Key] = parentModel.CreateOne(parentVals, ctx.With("skip_delegated_children", true)).Id;
            }
        }
    }

    private void ApplyX2Many(OdooRecord record, FieldDef field, JsonNode? node, CallContext ctx)
    {
        var comodel = Env.Model(field.Comodel!);
        var o2m = field.Type == FieldType.One2Many;
        var current = o2m ? Children(record, field).Select(c => c.Id).ToList() : record.Ids(field.Name).ToList();
        if (node is not JsonArray commands)
        {
            if (ValueCodec.IsFalse(node))
            {
                commands = [new JsonArray(5, 0, 0)];
            }
            else
            {
                throw OdooException.ValueError($"Wrong value for {field.OwnerModel}.{field.Name}: {node!.ToJsonString()}");
            }
        }

        if (commands.All(c => c is JsonValue))
        {
            commands = [new JsonArray(6, 0, commands.DeepClone())];
        }

        foreach (var command in commands)
        {
            if (command is not JsonArray cmd || cmd.Count == 0)
            {
                throw OdooException.ValueError($"Wrong value for {field.OwnerModel}.{field.Name}: {command?.ToJsonString() ?? "None"}");
            }

            var code = (int)ValueCodec.Number(cmd[0]);
            var targetId = cmd.Count > 1 && !ValueCodec.IsFalse(cmd[1]) ? (int)ValueCodec.Number(cmd[1]) : 0;
            switch (code)
            {
                case 0:
                    var vals = (JsonObject)AsObject(cmd.Count > 2 ? cmd[2] : null).DeepClone();
                    if (o2m)
                    {
                        vals[field.Inverse!] = record.Id;
                    }

                    current.Add(comodel.CreateOne(vals, ctx).Id);
                    break;
                case 1:
                    comodel.Write([Env.Get(comodel.Name, targetId)], AsObject(cmd.Count > 2 ? cmd[2] : null), ctx);
                    break;
                case 2:
                    comodel.Unlink([Env.Get(comodel.Name, targetId)], ctx);
                    current.Remove(targetId);
                    break;
                case 3:
                    if (o2m)
                    {
                        comodel.Unlink([Env.Get(comodel.Name, targetId)], ctx);
                    }

                    current.Remove(targetId);
                    break;
                case 4:
                    if (o2m)
                    {
                        comodel.Write([Env.Get(comodel.Name, targetId)], new JsonObject { [field.Inverse!] = record.Id }, ctx);
                    }

                    if (!current.Contains(targetId))
                    {
                        current.Add(targetId);
                    }

                    break;
                case 5:
                    if (o2m)
                    {
                        comodel.Unlink(current.Select(id => Env.Get(comodel.Name, id)).ToList(), ctx);
                    }

                    current.Clear();
                    break;
                case 6:
                    var ids = ValueCodec.IdList(cmd.Count > 2 ? cmd[2] : null);
                    foreach (var id in ids)
                    {
                        Env.Get(comodel.Name, id);
                    }

                    if (o2m)
                    {
                        comodel.Unlink(current.Except(ids).Select(id => Env.Get(comodel.Name, id)).ToList(), ctx);
                        foreach (var id in ids.Except(current))
                        {
                            comodel.Write([Env.Get(comodel.Name, id)], new JsonObject { [field.Inverse!] = record.Id }, ctx);
                        }
                    }

                    current = ids.Distinct().ToList();
                    break;
                default:
                    throw OdooException.ValueError($"Wrong value for {field.OwnerModel}.{field.Name}: {cmd.ToJsonString()}");
            }
        }

        if (!o2m)
        {
            Env.Store.Set(record, field.Name, current);
        }
    }

    private IEnumerable<OdooRecord> Sort(IEnumerable<OdooRecord> rows, string order)
    {
        IOrderedEnumerable<OdooRecord>? sorted = null;
        foreach (var part in order.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var tokens = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var name = tokens[0];
            if (!_fields.ContainsKey(name))
            {
                throw OdooException.ValueError(
                    $"Invalid \"order\" specified ({order}). A valid \"order\" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)");
            }

            var descending = tokens.Length > 1 && tokens[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
            Func<OdooRecord, object?> key = r => SortKey(GetValue(r, name));
            sorted = sorted is null
                ? descending ? rows.OrderByDescending(key, SortComparer.Instance) : rows.OrderBy(key, SortComparer.Instance)
                : descending ? sorted.ThenByDescending(key, SortComparer.Instance) : sorted.ThenBy(key, SortComparer.Instance);
        }

        return sorted?.ThenBy(r => r.Id) ?? rows;
    }

    private static object? SortKey(object? value) => value switch
    {
        int i => (decimal)i,
        long l => (decimal)l,
        bool b => b ? 1m : 0m,
        IReadOnlyList<int> => null,
        _ => value,
    };

    private object? SearchMethod(MethodCall call) =>
        Search(call.Arg("domain"), call.Ctx, IntArg(call, "offset") ?? 0, IntArg(call, "limit"), StringArg(call, "order"))
            .Select(r => r.Id).ToList();

    private object? SearchReadMethod(MethodCall call)
    {
        var fields = FieldList(call.Arg("fields"));
        foreach (var name in fields)
        {
            Field(name);
        }

        return Search(call.Arg("domain"), call.Ctx, IntArg(call, "offset") ?? 0, IntArg(call, "limit"), StringArg(call, "order"))
            .Select(r => ReadRecord(r, fields)).ToList();
    }

    private object? ReadMethod(MethodCall call)
    {
        var fields = FieldList(call.Arg("fields"));
        foreach (var name in fields)
        {
            Field(name);
        }

        var classic = !(call.Has("load") && ValueCodec.IsFalse(call.Arg("load")));
        return call.Records().Select(r => ReadRecord(r, fields, classic)).ToList();
    }

    private object? CreateMethod(MethodCall call)
    {
        var input = call.Arg("vals_list");
        if (input is JsonObject single)
        {
            var record = CreateOne(single, call.Ctx);
            return call.Ctx.Json2 ? new List<int> { record.Id } : record.Id;
        }

        if (input is JsonArray list)
        {
            return list.Select(v => CreateOne(AsObject(v), call.Ctx).Id).ToList();
        }

        throw OdooException.ValueError($"Expected a dictionary or a list of dictionaries, got {input?.ToJsonString() ?? "None"}");
    }

    private object? FieldsGetMethod(MethodCall call)
    {
        var wanted = FieldList(call.Arg("allfields"));
        var attributes = FieldList(call.Arg("attributes"));
        var result = new JsonObject();
        foreach (var field in _fields.Values.Where(f => wanted.Count == 0 || wanted.Contains(f.Name)))
        {
            var description = new JsonObject
            {
                ["type"] = field.TypeName,
                ["string"] = field.Label,
                ["required"] = field.Required,
                ["readonly"] = field.Readonly,
                ["store"] = field.Compute is null,
                ["sortable"] = field.Compute is null,
                ["searchable"] = true,
            };
            if (field.Comodel is not null)
            {
                description["relation"] = field.Comodel;
            }

            if (field.Inverse is not null)
            {
                description["relation_field"] = field.Inverse;
            }

            if (field.Selection is not null)
            {
                description["selection"] = new JsonArray(field.Selection.Select(s => (JsonNode)new JsonArray(s, Labelize(s))).ToArray());
            }

            if (attributes.Count > 0)
            {
                foreach (var key in description.Select(kv => kv.Key).ToList().Where(k => !attributes.Contains(k)))
                {
                    description.Remove(key);
                }
            }

            result[field.Name] = description;
        }

        return result;
    }

    private object? NameSearchMethod(MethodCall call)
    {
        var name = StringArg(call, "name") ?? "";
        var op = StringArg(call, "operator") ?? "ilike";
        var domain = (call.Arg("domain") ?? call.Arg("args"))?.DeepClone() as JsonArray ?? [];
        var limit = IntArg(call, "limit") ?? 100;
        var matches = Search(domain, call.Ctx).Where(r =>
        {
            var display = DisplayName(r);
            return name.Length == 0 || op switch
            {
                "=" => display == name,
                "ilike" => display.Contains(name, StringComparison.OrdinalIgnoreCase),
                "like" => display.Contains(name, StringComparison.Ordinal),
                "not ilike" => !display.Contains(name, StringComparison.OrdinalIgnoreCase),
                _ => display.Contains(name, StringComparison.OrdinalIgnoreCase),
            };
        });
        return matches.Take(limit).Select(r => new JsonArray(r.Id, DisplayName(r))).ToList();
    }

    private object? DefaultGetMethod(MethodCall call) => Defaults(call.Ctx, FieldList(call.Arg("fields_list")));

    protected static List<string> FieldList(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(ValueCodec.Text).ToList(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        _ => [],
    };

    protected static int? IntArg(MethodCall call, string name) =>
        call.Arg(name) is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? (int)ValueCodec.Number(v) : null;

    protected static string? StringArg(MethodCall call, string name) =>
        call.Arg(name) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private sealed class SortComparer : IComparer<object?>
    {
        public static readonly SortComparer Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            (decimal a, decimal b) => a.CompareTo(b),
            (string a, string b) => string.CompareOrdinal(a, b),
            _ => string.CompareOrdinal(Convert.ToString(x, CultureInfo.InvariantCulture), Convert.ToString(y, CultureInfo.InvariantCulture)),
        };
    }
}
