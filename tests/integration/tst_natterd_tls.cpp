// natterd over TLS, end to end: certificates made at run time with the
// `openssl` command (a CA, a server certificate for 127.0.0.1, one for a
// wrong host, a self-signed one), the real natterd serving wss:// with them
// and natter-cli verifying them. Every process is started and stopped here.
#include "tst_natterd_harness.h"

#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>

using namespace natter;
using namespace natter::test;

namespace {

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Run runProcess(const QString &program, const QStringList &args, int timeoutMs = 60000,
    const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    dieWithTest(p);
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(5000))
        return r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = "timed out";
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace

class TestNatterdTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_config;
    int m_profiles = 0;

    QString file(const char *name) const { return m_tmp.filePath(QString::fromLatin1(name)); }

    bool openssl(const QStringList &args)
    {
        const Run r = runProcess(QStringLiteral("openssl"), args);
        if (r.code != 0)
            qWarning("openssl %s failed: %s", qPrintable(args.join(' ')), r.err.constData());
        return r.code == 0;
    }

    // A key and a certificate for `name` signed by the test CA, with `san`.
    bool issue(const QString &name, const QString &cn, const QString &san)
    {
        const QString ext = m_tmp.filePath(name + ".ext");
        QFile f(ext);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        f.write(QStringLiteral("subjectAltName=%1\nbasicConstraints=CA:FALSE\n"
                               "extendedKeyUsage=serverAuth\n")
                    .arg(san)
                    .toLatin1());
        f.close();
        const QString key = m_tmp.filePath(name + ".key");
        const QString csr = m_tmp.filePath(name + ".csr");
        return openssl({ "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                   "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=" + cn })
            && openssl({ "x509", "-req", "-in", csr, "-CA", file("ca.pem"), "-CAkey",
                file("ca.key"), "-set_serial", QString::number(++m_profiles + 100), "-days", "2",
                "-extfile", ext, "-out", m_tmp.filePath(name + ".pem") });
    }

    Run cli(const QString &profile, const QStringList &args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("NATTER_PASSPHRASE", "tls test passphrase");
        return runProcess(NATTER_CLI_PATH,
            QStringList { "--profile", m_tmp.filePath("profile-" + profile), "--timeout", "20" }
                + args,
            60000, env);
    }

    QUrl start(Natterd &server, const char *name, const char *cert, const char *key)
    {
        if (!server.start(m_tmp.filePath(QString::fromLatin1(name)), kFastConfig,
                { "--tls-cert", file(cert), "--tls-key", file(key) }, "wss"))
            return {};
        return server.url();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");
        QVERIFY(
            openssl({ "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", file("ca.key"), "-out", file("ca.pem"), "-days", "2", "-subj",
                "/CN=Natter Test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
                "keyUsage=critical,keyCertSign,cRLSign" }));
        QVERIFY(issue("server", "127.0.0.1", "IP:127.0.0.1"));
        QVERIFY(issue("wrong", "wrong.example", "DNS:wrong.example"));
        // Self-signed, RSA (the others are EC): the key loader handles both.
        QVERIFY(openssl({ "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
            file("self.key"), "-out", file("self.pem"), "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1" }));
        m_config = file("natterd.ini");
        QFile f(m_config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kFastConfig.toUtf8());
    }

    // Trusting the CA: register two users over wss://, a message round-trips.
    void roundTripWithTrustedCa()
    {
        Natterd server;
        const QUrl url = start(server, "data-rt", "server.pem", "server.key");
        QVERIFY(url.isValid());
        QCOMPARE(url.scheme(), QStringLiteral("wss"));
        const QString ca = file("ca.pem");
        Run r = cli("alice",
            { "--server", url.toString(), "--trust-cert", ca, "register", "alice", "password123" });
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.contains("wss://127.0.0.1"));
        r = cli("bob",
            { "--server", url.toString(), "--trust-cert", ca, "register", "bob", "password123" });
        QVERIFY2(r.code == 0, r.err.constData());
        // The trusted certificate is kept in the profile: later runs need no flag.
        r = cli("alice", { "send", "@bob", "hello over tls" });
        QVERIFY2(r.code == 0, r.err.constData());
        r = cli("bob", { "sync" });
        QVERIFY2(r.code == 0, r.err.constData());
        r = cli("bob", { "history", "@alice" });
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("hello over tls"), r.out.constData());

        // Forgetting it ("" = system CAs only) makes the next sync refuse the server.
        r = cli("bob", { "--trust-cert", "", "sync" });
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("certificate is not trusted"), r.err.constData());
    }

    // Without --trust-cert the CA-signed certificate is not trusted.
    void untrustedRefused()
    {
        Natterd server;
        const QUrl url = start(server, "data-untrusted", "server.pem", "server.key");
        QVERIFY(url.isValid());
        QElapsedTimer t;
        t.start();
        const Run r = cli("carol", { "--server", url.toString(), "register", "carol", "pw123456" });
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("the server's certificate is not trusted"), r.err.constData());
        QVERIFY2(r.err.contains("--trust-cert"), r.err.constData());
        QVERIFY(t.elapsed() < 15000); // refused at once, not after the timeout
    }

    void selfSigned()
    {
        Natterd server;
        const QUrl url = start(server, "data-self", "self.pem", "self.key");
        QVERIFY(url.isValid());
        Run r = cli("dave", { "--server", url.toString(), "register", "dave", "pw123456" });
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("not trusted (self-signed certificate)"), r.err.constData());
        // Trusting exactly that certificate is the self-hosting way.
        r = cli("dave",
            { "--server", url.toString(), "--trust-cert", file("self.pem"), "register", "dave",
                "pw123456" });
        QVERIFY2(r.code == 0, r.err.constData());
        // A different certificate does not stand in for it.
        r = cli("dave", { "--trust-cert", file("ca.pem"), "sync" });
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("self-signed certificate"), r.err.constData());
    }

    // A certificate from the trusted CA, but for another host.
    void wrongHostRefused()
    {
        Natterd server;
        const QUrl url = start(server, "data-wrong", "wrong.pem", "wrong.key");
        QVERIFY(url.isValid());
        const Run r = cli("erin",
            { "--server", url.toString(), "--trust-cert", file("ca.pem"), "register", "erin",
                "pw123456" });
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("the server's certificate does not match host 127.0.0.1"),
            r.err.constData());
    }

    // Plain ws://, TLS garbage and silent sockets on the TLS port fail on
    // their own; an open wss:// session and new ones carry on.
    void badClientsDoNotDisturbOthers()
    {
        Natterd server;
        QVERIFY(server.start(m_tmp.filePath("data-bad"),
            kFastConfig
                + QStringLiteral("[tls]\ncert=%1\nkey=%2\n")
                      .arg(file("server.pem"), file("server.key")),
            {}, "wss"));
        const QUrl url = server.url(); // [tls] in the config file also serves wss://
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(file("ca.pem")));

        Client good;
        good.ws.setSslConfiguration(tls);
        QVERIFY(good.open(url));
        QCOMPARE(good.call(registerReq("frank")).body_case(), proto::Envelope::kAuth);

        QUrl plainUrl = url;
        plainUrl.setScheme("ws");
        Client plain;
        QSignalSpy plainGone(&plain.ws, &QWebSocket::disconnected);
        plain.ws.open(plainUrl);
        QVERIFY(plainGone.wait(10000) || !plainGone.isEmpty());
        QVERIFY(plain.ws.state() == QAbstractSocket::UnconnectedState);

        QTcpSocket garbage;
        garbage.connectToHost(QHostAddress::LocalHost, quint16(url.port()));
        QVERIFY(garbage.waitForConnected(5000));
        garbage.write(QByteArray(4096, '\x16'));
        QVERIFY(garbage.waitForDisconnected(10000)
            || garbage.state() == QAbstractSocket::UnconnectedState);

        QTcpSocket silent; // stays in the TLS handshake until the handshake timeout
        silent.connectToHost(QHostAddress::LocalHost, quint16(url.port()));
        QVERIFY(silent.waitForConnected(5000));

        QVERIFY(server.running());
        QCOMPARE(good.call(devicesReq()).body_case(), proto::Envelope::kDevices);
        Client next;
        next.ws.setSslConfiguration(tls);
        QVERIFY(next.open(url));
        QCOMPARE(next.call(registerReq("grace")).body_case(), proto::Envelope::kAuth);
        const proto::Envelope ack = next.call(sendTo("frank", "c1", "still here"));
        QCOMPARE(ack.body_case(), proto::Envelope::kAck);
        QTRY_VERIFY(!good.pushes(proto::Envelope::kFeedNotify).isEmpty());
    }

    void badKeyOrCertificateExits()
    {
        QFile junk(file("junk.key"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        junk.close();
        const QStringList base { "--listen", "127.0.0.1:0", "--config", m_config };
        Run r = runProcess(NATTERD_PATH,
            base
                + QStringList { "--data", file("data-junk"), "--tls-cert", file("server.pem"),
                    "--tls-key", file("junk.key") },
            20000);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("junk.key holds no usable PEM private key"), r.err.constData());
        QVERIFY(r.out.isEmpty());

        r = runProcess(NATTERD_PATH,
            base
                + QStringList { "--data", file("data-junk"), "--tls-cert", file("missing.pem"),
                    "--tls-key", file("server.key") },
            20000);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("cannot read the TLS certificate file"), r.err.constData());

        // An RSA key beside an EC certificate.
        r = runProcess(NATTERD_PATH,
            base
                + QStringList { "--data", file("data-junk"), "--tls-cert", file("server.pem"),
                    "--tls-key", file("self.key") },
            20000);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("does not belong to the certificate"), r.err.constData());

        // An EC key beside an EC certificate it did not sign.
        r = runProcess(NATTERD_PATH,
            base
                + QStringList { "--data", file("data-junk"), "--tls-cert", file("server.pem"),
                    "--tls-key", file("wrong.key") },
            20000);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("wrong.key does not belong to the certificate"), r.err.constData());

        r = runProcess(NATTERD_PATH,
            base + QStringList { "--data", file("data-junk"), "--tls-cert", file("server.pem") },
            20000);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("--tls-cert and --tls-key go together"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestNatterdTls)
#include "tst_natterd_tls.moc"
