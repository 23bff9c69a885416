using System.IO.Compression;
using System.Text;
using CloudNative.CloudEvents;
using RetailSync.Events;
using RetailSync.Ingestion.CloudEvents;

namespace RetailSync.Ingestion.Tests.CloudEvents;

public sealed class RawBodyTests
{
    private static readonly byte[] Order = Encoding.UTF8.GetBytes(TestHarness.Fixture("shopify/orders-create.json"));

    [Fact]
    public void A_webhook_body_travels_gzipped_and_decodes_to_the_exact_bytes()
    {
        Assert.True(Order.Length >= RawBody.CompressFromBytes, "the fixture should be large enough to be compressed");

        var raw = RawBody.Encode(Order);

        Assert.Equal(RawBody.Gzip, raw.Encoding);
        Assert.True(raw.Base64.Length < Convert.ToBase64String(Order).Length / 2, $"gzip should at least halve a JSON order; {raw.Base64.Length} vs {Convert.ToBase64String(Order).Length}");
        Assert.Equal(Order, raw.Decode());
    }

    [Fact]
    public void A_small_body_travels_as_plain_base64()
    {
        var body = "{\"id\":1}"u8.ToArray();

        var raw = RawBody.Encode(body);

        Assert.Null(raw.Encoding);
        Assert.Equal(Convert.ToBase64String(body), raw.Base64);
        Assert.Equal(body, raw.Decode());
    }

    [Fact]
    public void A_body_gzip_cannot_shrink_travels_as_plain_base64()
    {
        // Already-compressed bytes: gzip would only add its header.
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(Order);
        }

        var body = packed.ToArray();
        Assert.True(body.Length >= RawBody.CompressFromBytes);

        var raw = RawBody.Encode(body);

        Assert.Null(raw.Encoding);
        Assert.Equal(body, raw.Decode());
    }

    [Fact]
    public void The_encoding_travels_in_the_cloud_event_and_survives_a_round_trip_through_the_queue_format()
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, RetailCloudEvents.Extensions)
        {
            Id = "e1",
            Source = new Uri("urn:test"),
            Type = RetailEventTypes.OrderPlaced,
        };
        var raw = RawBody.Encode(Order);
        cloudEvent[RetailEventAttributes.RawBody] = raw.Base64;
        cloudEvent[RetailEventAttributes.RawBodyEncoding] = raw.Encoding;

        var parsed = RetailCloudEvents.Parse(RetailCloudEvents.ToMessage(cloudEvent, null).Body);

        Assert.Equal("gzip", parsed[RetailEventAttributes.RawBodyEncoding]);
        Assert.Equal(Order, RawBody.From(parsed)!.Decode());
    }

    [Fact]
    public void An_event_without_a_raw_body_has_none()
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, RetailCloudEvents.Extensions) { Id = "e1" };

        Assert.Null(RawBody.From(cloudEvent));
    }

    [Theory]
    [InlineData("br", "H4sIAAAAAAAAA6tWSsosUbJSykvMTVWqBQBjlQ2JDwAAAA==")]
    [InlineData("gzip", "bm90IGd6aXA=")]
    [InlineData(null, "not base64!")]
    public void A_raw_body_that_cannot_be_decoded_is_a_format_error(string? encoding, string base64)
    {
        Assert.Throws<FormatException>(() => new RawBody(base64, encoding).Decode());
    }
}
