#include "protocol/Frame.h"

#include <QTest>

using namespace natter;

class TestFrame : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip()
    {
        proto::Envelope env;
        env.set_version(kProtocolVersion);
        env.set_request_id(42);
        env.mutable_send()->set_client_id("c1");
        env.mutable_send()->set_to_user("bob");
        proto::Envelope back;
        QCOMPARE(decodeEnvelope(encodeEnvelope(env), &back), DecodeResult::Ok);
        QCOMPARE(back.request_id(), 42u);
        QCOMPARE(back.body_case(), proto::Envelope::kSend);
        QCOMPARE(back.send().to_user(), std::string("bob"));
    }
    void rejectsGarbage()
    {
        proto::Envelope env;
        QCOMPARE(
            decodeEnvelope(QByteArray("\xff\xff\xff\xff\xff", 5), &env), DecodeResult::Malformed);
    }
    void rejectsOtherVersion()
    {
        proto::Envelope env;
        env.set_version(kProtocolVersion + 1);
        proto::Envelope back;
        QCOMPARE(decodeEnvelope(encodeEnvelope(env), &back), DecodeResult::UnsupportedVersion);
    }
    void notifyIsTiny()
    {
        // SPEC §3.4: a notify is well under 64 bytes on the wire.
        proto::Envelope env;
        env.set_version(kProtocolVersion);
        env.mutable_notify()->set_conversation_id(~quint64(0));
        env.mutable_notify()->set_seq(~quint64(0) >> 1);
        QVERIFY(encodeEnvelope(env).size() < 40);
    }
    void userNames()
    {
        QVERIFY(isValidUserName("alice"));
        QVERIFY(isValidUserName("bob_2.x-y"));
        QVERIFY(!isValidUserName(""));
        QVERIFY(!isValidUserName("Alice"));
        QVERIFY(!isValidUserName("_x"));
        QVERIFY(!isValidUserName(QString(33, 'a')));
        QVERIFY(!isValidUserName("al ice"));
    }
};

QTEST_GUILESS_MAIN(TestFrame)
#include "tst_frame.moc"
