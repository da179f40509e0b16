using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BalanceTools.FakeStripe;

/// <summary>
/// A certificate authority and a server certificate for one host name (and 127.0.0.1), made when the test runs, so that only a
/// process told to trust the authority (SSL_CERT_FILE) accepts the server: nothing on the machine trusts it. For
/// <see cref="FakeStripeServerOptions.Certificate"/>, as tests and benchmarks of https need it.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 authority, X509Certificate2 server)
    {
        Authority = authority;
        Server = server;
    }

    public X509Certificate2 Authority { get; }

    /// <summary>The server's certificate with its private key, for Kestrel.</summary>
    public X509Certificate2 Server { get; }

    public static TestCertificates For(string hostName)
    {
        using var authorityKey = RSA.Create(2048);
        var authorityRequest = new CertificateRequest("CN=BalanceTools test authority", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var authority = authorityRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=" + hostName, serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(hostName);
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new("1.3.6.1.5.5.7.3.1") }, false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        using var signed = serverRequest.Create(authority, now.AddMinutes(-5), now.AddHours(12), serial);
        using var withKey = signed.CopyWithPrivateKey(serverKey);

        // Through PKCS#12, so that the key is one Kestrel's TLS stack can use on every platform.
        var server = new X509Certificate2(withKey.Export(X509ContentType.Pkcs12), (string?)null, X509KeyStorageFlags.Exportable);
        return new TestCertificates(new X509Certificate2(authority.RawData), server);
    }

    /// <summary>Writes the authority as PEM, the form SSL_CERT_FILE names.</summary>
    public void WriteAuthority(string path) => File.WriteAllText(path, Authority.ExportCertificatePem());

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
    }
}
