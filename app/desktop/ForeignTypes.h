// Core types seen by QML. The core stays QML-free; they are registered here,
// at the edge, as uncreatable types (the feature controllers hand them out).
#pragma once

#include "models/ConversationListModel.h"
#include "models/DeviceListModel.h"
#include "models/MessageListModel.h"

#include <QQmlEngine>

namespace natter {

struct ConversationListModelForeign
{
    Q_GADGET
    QML_FOREIGN(natter::ConversationListModel)
    QML_NAMED_ELEMENT(ConversationListModel)
    QML_UNCREATABLE("Provided by Chats.conversations")
};

struct MessageListModelForeign
{
    Q_GADGET
    QML_FOREIGN(natter::MessageListModel)
    QML_NAMED_ELEMENT(MessageListModel)
    QML_UNCREATABLE("Provided by Chats.messages")
};

struct DeviceListModelForeign
{
    Q_GADGET
    QML_FOREIGN(natter::DeviceListModel)
    QML_NAMED_ELEMENT(DeviceListModel)
    QML_UNCREATABLE("Provided by Devices.model")
};

} // namespace natter
