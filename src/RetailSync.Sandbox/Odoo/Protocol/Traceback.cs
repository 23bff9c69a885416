using RetailSync.Sandbox.Odoo.Orm;

namespace RetailSync.Sandbox.Odoo.Protocol;

/// <summary>The <c>debug</c> text of an error: a Python-looking traceback ending in <c>name: message</c>.</summary>
internal static class Traceback
{
    public static string For(OdooException error) =>
        error.SuppressTraceback
            ? $"{error.Name}: {error.Message}\n"
            : "Traceback (most recent call last):\n"
              + "  File \"/usr/lib/python3/dist-packages/odoo/http.py\", line 1788, in _serve_db\n"
              + "    return service_model.retrying(self._serve_ir_http, self.env)\n"
              + "  File \"/usr/lib/python3/dist-packages/odoo/service/model.py\", line 133, in retrying\n"
              + "    result = func()\n"
              + "  File \"<retailsync-sandbox>\", line 1, in sandbox\n"
              + $"{error.Name}: {error.Message}\n";
}
