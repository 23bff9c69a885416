using RetailSync.Infra.Tests.Support;

namespace RetailSync.Infra.Tests;

[Collection(MainTemplateCollection.Name)]
public sealed class RoleAssignmentTests(CompiledMainTemplate main)
{
    // Role, built-in role definition id, and the one resource type it is granted on.
    private static readonly (string Role, string Id, string Scope)[] Expected =
    [
        ("serviceBusDataSender", "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", "Microsoft.ServiceBus/namespaces"),
        ("serviceBusDataReceiver", "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", "Microsoft.ServiceBus/namespaces"),
        ("storageBlobDataOwner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts"),
        ("storageQueueDataContributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts"),
        ("storageTableDataContributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts"),
        ("keyVaultSecretsUser", "4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults"),
        ("monitoringMetricsPublisher", "3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components"),
    ];

    private readonly ArmTemplate _template = main.Template;

    [Fact]
    public void Identity_gets_exactly_the_seven_data_plane_roles_it_needs()
    {
        var assignments = _template.OfType("Microsoft.Authorization/roleAssignments");
        var roles = RolesVariable(assignments[0]);

        Assert.Equal(Expected.Length, assignments.Count);
        Assert.Equal(Expected.Select(e => (e.Role, e.Id)).ToHashSet(), roles.ToHashSet());
        Assert.Equal(
            Expected.Select(e => e.Role).Order(),
            assignments.Select(a => a.At("properties.roleDefinitionId")!.GetValue<string>().Split("variables('roles').")[1].TrimEnd(')', ']')).Order());
    }

    [Fact]
    public void Each_role_is_granted_on_the_one_resource_it_is_for()
    {
        foreach (var assignment in _template.OfType("Microsoft.Authorization/roleAssignments"))
        {
            var role = assignment.At("properties.roleDefinitionId")!.GetValue<string>().Split("variables('roles').")[1].TrimEnd(')', ']');
            var expected = Expected.Single(e => e.Role == role);
            var scope = assignment.At("scope")!.GetValue<string>();
            Assert.Contains($"'{expected.Scope}'", scope, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Assignment_names_are_guids_of_scope_principal_and_role()
    {
        Assert.All(_template.OfType("Microsoft.Authorization/roleAssignments"), a =>
        {
            Assert.StartsWith("[guid(resourceId(", a.Name, StringComparison.Ordinal);
            Assert.Contains("resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName'))", a.Name, StringComparison.Ordinal);
            Assert.Contains("variables('roles').", a.Name, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_role_goes_to_the_apps_identity_as_a_service_principal()
    {
        Assert.All(_template.OfType("Microsoft.Authorization/roleAssignments"), a =>
        {
            Assert.Equal("[reference('identity').principalId]", a.At("properties.principalId")!.GetValue<string>());
            Assert.Equal("ServicePrincipal", a.At("properties.principalType")!.GetValue<string>());
        });
        var rbac = _template.Module("rbac");
        var identity = rbac.Properties["template"]!["resources"]!["identity"]!;
        Assert.True(identity["existing"]!.GetValue<bool>());
        Assert.Equal("[parameters('identityName')]", identity["name"]!.GetValue<string>());
        Assert.Equal("[variables('names').identity]", rbac.Properties["parameters"]!["identityName"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void There_is_exactly_one_user_assigned_identity()
    {
        Assert.Single(_template.OfType("Microsoft.ManagedIdentity/userAssignedIdentities"));
    }

    private static IEnumerable<(string Role, string Id)> RolesVariable(ArmResource assignment)
        => assignment.Modules[^1]["properties"]!["template"]!["variables"]!["roles"]!.AsObject()
            .Select(p => (p.Key, p.Value!.GetValue<string>()));
}
